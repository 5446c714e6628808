package dev.exactlyonce.idempotency;

/** An Idempotency-Key that is empty, too long or holds characters outside visible ASCII. */
public class InvalidIdempotencyKeyException extends IllegalArgumentException {

    InvalidIdempotencyKeyException(String message) {
        super(message);
    }
}

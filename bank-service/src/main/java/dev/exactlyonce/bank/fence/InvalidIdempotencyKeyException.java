package dev.exactlyonce.bank.fence;

/** An Idempotency-Key that is empty, too long or holds characters outside visible ASCII. */
public class InvalidIdempotencyKeyException extends RuntimeException {

    InvalidIdempotencyKeyException(String message) {
        super(message);
    }
}

package dev.exactlyonce.client.bank;

/** A caller's {@code Idempotency-Key} that breaks {@link IdempotencyKeys}' rule; nothing was sent with it. */
public class InvalidIdempotencyKeyException extends RuntimeException {

    InvalidIdempotencyKeyException(String message) {
        super(message);
    }
}

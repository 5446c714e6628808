package dev.exactlyonce.client.operation;

/** The user already submitted a different operation under this key. */
public class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different operation");
    }
}

package dev.exactlyonce.client.operation;

/**
 * The user already submitted a different operation under this key: the journal's own check, before anything
 * is sent (the bank's check of the same kind is {@code AccountKeyReusedException} for an account opening).
 */
public class OperationKeyReusedException extends RuntimeException {

    OperationKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different operation");
    }
}

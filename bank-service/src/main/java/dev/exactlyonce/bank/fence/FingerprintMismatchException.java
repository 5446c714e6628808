package dev.exactlyonce.bank.fence;

/**
 * The fence already holds this client's key for a command with another {@link CommandFingerprint}: the
 * key was used before for a different request.
 */
public class FingerprintMismatchException extends RuntimeException {

    FingerprintMismatchException() {
        super("This Idempotency-Key was already used for a different request; a new request needs a new key");
    }
}

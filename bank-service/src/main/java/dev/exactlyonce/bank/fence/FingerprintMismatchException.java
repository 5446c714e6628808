package dev.exactlyonce.bank.fence;

/** The key was used before by this client for a different request. */
public class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used for a different request; a new request needs a new key");
    }
}

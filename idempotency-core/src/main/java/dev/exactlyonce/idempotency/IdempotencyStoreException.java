package dev.exactlyonce.idempotency;

/** The idempotency store could not be reached or failed; the request must not run unprotected. */
public class IdempotencyStoreException extends RuntimeException {

    public IdempotencyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.exactlyonce.idempotency;

/** An Idempotency-Key that is empty, too long or holds characters outside visible ASCII. */
public class InvalidIdempotencyKeyException extends IllegalArgumentException {

    /**
     * @param message what is wrong with the key, fit to show the client that sent it
     */
    public InvalidIdempotencyKeyException(String message) {
        super(message);
    }
}

package dev.exactlyonce.idempotency;

import java.security.SecureRandom;

/**
 * A random token that names one execution of a request. Every change to a PENDING record must
 * present the token of the execution that holds it, so an execution whose lease expired and was
 * taken over can no longer complete, renew or release the record of the one that took over.
 */
public final class OwnerToken extends FixedBytes {

    /** Length of a token in bytes. */
    public static final int LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerToken(byte[] bytes) {
        super(bytes);
    }

    /** A new token, unguessable and unique for all practical purposes. */
    public static OwnerToken random() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new OwnerToken(bytes);
    }

    /** A token read back from a store. */
    public static OwnerToken fromBytes(byte[] bytes) {
        return new OwnerToken(copyOf("An owner token", LENGTH, bytes));
    }
}

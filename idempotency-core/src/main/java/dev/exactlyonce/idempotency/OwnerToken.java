package dev.exactlyonce.idempotency;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A random token that names one execution of a request. Every change to a PENDING record must
 * present the token of the execution that holds it, so an execution whose lease expired and was
 * taken over can no longer complete, renew or release the record of the one that took over.
 */
public final class OwnerToken extends FixedBytes {

    /** Length of a token in bytes. */
    public static final int LENGTH = 16;

    /*
     * Several generators, each picked by the calling thread's id. One SecureRandom is one lock for the whole process
     * (and the platform's default, NativePRNG, is one lock however many instances exist): in the starter's benchmark
     * (issue 17) requests waited 13-22 ms on average at it whenever a holder was descheduled on a busy machine. DRBG
     * instances are independent of each other, and each is seeded from the system's entropy.
     */
    private static final SecureRandom[] GENERATORS = generators(16);

    private OwnerToken(byte[] bytes) {
        super(bytes);
    }

    /** A new token, unguessable and unique for all practical purposes. */
    public static OwnerToken random() {
        byte[] bytes = new byte[LENGTH];
        GENERATORS[(int) Thread.currentThread().getId() & (GENERATORS.length - 1)].nextBytes(bytes);
        return new OwnerToken(bytes);
    }

    /** A token read back from a store. */
    public static OwnerToken fromBytes(byte[] bytes) {
        return new OwnerToken(copyOf("An owner token", LENGTH, bytes));
    }

    private static SecureRandom[] generators(int count) {
        SecureRandom[] generators = new SecureRandom[count];
        for (int i = 0; i < count; i++) {
            try {
                generators[i] = SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("Every Java runtime since 9 has DRBG", ex);
            }
        }
        return generators;
    }
}

package dev.exactlyonce.idempotency;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A random token that names one execution of a request. Every change to a PENDING record must
 * present the token of the execution that holds it, so an execution whose lease expired and was
 * taken over can no longer complete, renew or release the record of the one that took over.
 */
public final class OwnerToken {

    /** Length of a token in bytes. */
    public static final int LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private OwnerToken(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A new token, unguessable and unique for all practical purposes. */
    public static OwnerToken random() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new OwnerToken(bytes);
    }

    /** A token read back from a store. */
    public static OwnerToken fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("An owner token is " + LENGTH + " bytes; got "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return new OwnerToken(bytes.clone());
    }

    /** The token's bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OwnerToken that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}

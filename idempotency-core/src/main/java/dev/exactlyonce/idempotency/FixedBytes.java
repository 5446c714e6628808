package dev.exactlyonce.idempotency;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A value that is a fixed number of bytes (an owner token, a request fingerprint): held as a private copy,
 * compared in constant time, shown as lower-case hex.
 */
abstract class FixedBytes {

    private final byte[] bytes;

    /** @param bytes owned by this value from now on: pass a copy */
    FixedBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A copy of {@code bytes}, read back from a store.
     *
     * @throws IllegalArgumentException naming {@code what} and both lengths unless there are {@code length} bytes
     */
    static byte[] copyOf(String what, int length, byte[] bytes) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " is " + length + " bytes; got "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return bytes.clone();
    }

    /** The bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, for logs and stores that keep text. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && MessageDigest.isEqual(bytes, ((FixedBytes) other).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}

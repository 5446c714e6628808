package dev.exactlyonce.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256 over the method, the target (path and query) and the exact body bytes of a request.
 *
 * <p>The body is taken as bytes, not parsed: the starter knows nothing about the application's
 * formats, and a client that retries sends the same bytes. Each part is length-prefixed so that
 * ("POST", "/ab") and ("POS", "T/ab") differ.
 */
public final class RequestFingerprint extends FixedBytes {

    /** Length of a fingerprint in bytes. */
    public static final int LENGTH = 32;

    /*
     * Cloned for each fingerprint: MessageDigest.getInstance looks the algorithm up among the security providers on
     * every call, which the benchmark's profile (issue 17) found costing more than hashing a small request.
     * The prototype is never updated, so concurrent clones read a constant state.
     */
    private static final MessageDigest PROTOTYPE = sha256();

    private RequestFingerprint(byte[] digest) {
        super(digest);
    }

    /**
     * @param method the HTTP method, for example {@code POST}
     * @param target the path within the application, with {@code ?query} when there is one
     * @param body the request body exactly as received; empty when there is none
     */
    public static RequestFingerprint of(String method, String target, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        MessageDigest sha256 = newDigest();
        part(sha256, method.getBytes(StandardCharsets.UTF_8));
        part(sha256, target.getBytes(StandardCharsets.UTF_8));
        part(sha256, body);
        return new RequestFingerprint(sha256.digest());
    }

    /** A fingerprint read back from a store. */
    public static RequestFingerprint fromBytes(byte[] digest) {
        return new RequestFingerprint(copyOf("A fingerprint", LENGTH, digest));
    }

    private static void part(MessageDigest sha256, byte[] bytes) {
        sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) ':');
        sha256.update(bytes);
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException ex) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}

package dev.exactlyonce.bank.fence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * SHA-256 over the command a request stands for, after parsing: its kind and its fields (account, amount,
 * currency, text), each length-prefixed. The fence stores it beside the key and compares it when the key
 * comes back.
 *
 * <p>It is not the fingerprint of the Idempotency-Key filter in front of the bank (shared-idempotency, with
 * idempotency-core's {@code RequestFingerprint}), which hashes the method, the path and the body's raw
 * bytes. While the filter holds a key's record (the retention window, 24 hours by default), a retry
 * whose JSON is re-ordered or re-spaced is answered 422 there and never gets here. This fingerprint decides
 * only for the requests that reach the fence with a used key: when the filter is off or Redis lost the
 * record, after the retention window, or for a second execution that slipped past the filter. For those a
 * re-ordered or re-spaced body is the same command and replays its outcome; any change of account, amount,
 * currency or text is another command and is refused.
 */
public final class CommandFingerprint {

    private CommandFingerprint() {
    }

    /** Fingerprint of the given command parts, in order, as 64 hex digits; {@code null} parts count as empty. */
    public static String of(Object... parts) {
        MessageDigest sha256 = sha256();
        for (Object part : parts) {
            byte[] bytes = Objects.toString(part, "").getBytes(StandardCharsets.UTF_8);
            // Length-prefix each part so ("ab","c") and ("a","bc") differ.
            sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) ':');
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }
}

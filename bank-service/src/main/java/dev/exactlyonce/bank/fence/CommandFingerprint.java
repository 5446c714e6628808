package dev.exactlyonce.bank.fence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * SHA-256 over the parsed request, so that the same command with its JSON fields reordered or
 * re-spaced is still the same request, while any change of account, amount, currency or text is not.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** Fingerprint of the given request parts, in order; {@code null} parts count as empty. */
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

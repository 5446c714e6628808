package dev.exactlyonce.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestFingerprintTests {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sameRequestHasSameFingerprint() {
        assertThat(RequestFingerprint.of("POST", "/debits", bytes("{\"amount\":10}")))
                .isEqualTo(RequestFingerprint.of("POST", "/debits", bytes("{\"amount\":10}")));
    }

    @Test
    void methodPathAndBodyEachChangeTheFingerprint() {
        RequestFingerprint base = RequestFingerprint.of("POST", "/debits", bytes("{\"amount\":10}"));

        assertThat(RequestFingerprint.of("PUT", "/debits", bytes("{\"amount\":10}"))).isNotEqualTo(base);
        assertThat(RequestFingerprint.of("POST", "/credits", bytes("{\"amount\":10}"))).isNotEqualTo(base);
        assertThat(RequestFingerprint.of("POST", "/debits?x=1", bytes("{\"amount\":10}"))).isNotEqualTo(base);
        assertThat(RequestFingerprint.of("POST", "/debits", bytes("{\"amount\":11}"))).isNotEqualTo(base);
    }

    @Test
    void partBoundariesCount() {
        assertThat(RequestFingerprint.of("POST", "/ab", bytes("c")))
                .isNotEqualTo(RequestFingerprint.of("POST", "/a", bytes("bc")));
    }

    @Test
    void isSha256OfLengthPrefixedParts() {
        RequestFingerprint fingerprint = RequestFingerprint.of("GET", "/", new byte[0]);

        assertThat(fingerprint.hex()).isEqualTo(sha256Hex("3:GET1:/0:"));
        assertThat(fingerprint.bytes()).hasSize(RequestFingerprint.LENGTH);
    }

    @Test
    void roundTripsThroughBytes() {
        RequestFingerprint fingerprint = RequestFingerprint.of("POST", "/x", bytes("body"));

        assertThat(RequestFingerprint.fromBytes(fingerprint.bytes())).isEqualTo(fingerprint);
        assertThatThrownBy(() -> RequestFingerprint.fromBytes(new byte[31])).hasMessageContaining("31 bytes");
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(text)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

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

    private static RequestFingerprint of(String method, String target, String body) {
        return RequestFingerprint.of(method, target, bytes(body));
    }

    @Test
    void sameRequestHasSameFingerprint() {
        assertThat(of("POST", "/debits", "{\"amount\":10}")).isEqualTo(of("POST", "/debits", "{\"amount\":10}"));
    }

    @Test
    void methodPathAndBodyEachChangeTheFingerprint() {
        RequestFingerprint base = of("POST", "/debits", "{\"amount\":10}");

        assertThat(of("PUT", "/debits", "{\"amount\":10}")).isNotEqualTo(base);
        assertThat(of("POST", "/credits", "{\"amount\":10}")).isNotEqualTo(base);
        assertThat(of("POST", "/debits?x=1", "{\"amount\":10}")).isNotEqualTo(base);
        assertThat(of("POST", "/debits", "{\"amount\":11}")).isNotEqualTo(base);
    }

    @Test
    void partBoundariesCount() {
        assertThat(of("POST", "/ab", "c")).isNotEqualTo(of("POST", "/a", "bc"));
    }

    @Test
    void isSha256OfLengthPrefixedParts() {
        RequestFingerprint fingerprint = RequestFingerprint.of("GET", "/", new byte[0]);

        assertThat(fingerprint.hex()).isEqualTo(sha256Hex("3:GET1:/0:"));
        assertThat(fingerprint.bytes()).hasSize(RequestFingerprint.LENGTH);
    }

    @Test
    void roundTripsThroughBytes() {
        RequestFingerprint fingerprint = of("POST", "/x", "body");

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

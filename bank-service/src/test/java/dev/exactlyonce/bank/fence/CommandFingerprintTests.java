package dev.exactlyonce.bank.fence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTests {

    @Test
    void sameRequestPartsGiveSameFingerprint() {
        assertThat(RequestFingerprint.of("DEBIT", "acc", 100L, "EUR", null))
                .isEqualTo(RequestFingerprint.of("DEBIT", "acc", 100L, "EUR", null))
                .hasSize(64);
    }

    @Test
    void anyChangedPartChangesFingerprint() {
        String original = RequestFingerprint.of("DEBIT", "acc", 100L, "EUR", "rent");

        assertThat(RequestFingerprint.of("CREDIT", "acc", 100L, "EUR", "rent")).isNotEqualTo(original);
        assertThat(RequestFingerprint.of("DEBIT", "acc", 101L, "EUR", "rent")).isNotEqualTo(original);
        assertThat(RequestFingerprint.of("DEBIT", "acc", 100L, "USD", "rent")).isNotEqualTo(original);
        assertThat(RequestFingerprint.of("DEBIT", "acc", 100L, "EUR", "rent!")).isNotEqualTo(original);
    }

    @Test
    void partBoundariesMatter() {
        assertThat(RequestFingerprint.of("ab", "c")).isNotEqualTo(RequestFingerprint.of("a", "bc"));
    }
}

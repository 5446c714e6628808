package dev.exactlyonce.bank.fence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandFingerprintTests {

    @Test
    void fingerprintsStoredInFenceRowsStayTheSame() {
        // SHA-256 of "12:OPEN_ACCOUNT3:EUR": rows written before any change of this class must still match.
        assertThat(CommandFingerprint.of("OPEN_ACCOUNT", "EUR"))
                .isEqualTo("d6f2303c70f35ffa5f24b13eba3501779d51db644ffcaae54ea082bb7e3c772b");
    }

    @Test
    void sameRequestPartsGiveSameFingerprint() {
        assertThat(CommandFingerprint.of("DEBIT", "acc", 100L, "EUR", null))
                .isEqualTo(CommandFingerprint.of("DEBIT", "acc", 100L, "EUR", null))
                .hasSize(64);
    }

    @Test
    void anyChangedPartChangesFingerprint() {
        String original = CommandFingerprint.of("DEBIT", "acc", 100L, "EUR", "rent");

        assertThat(CommandFingerprint.of("CREDIT", "acc", 100L, "EUR", "rent")).isNotEqualTo(original);
        assertThat(CommandFingerprint.of("DEBIT", "acc", 101L, "EUR", "rent")).isNotEqualTo(original);
        assertThat(CommandFingerprint.of("DEBIT", "acc", 100L, "USD", "rent")).isNotEqualTo(original);
        assertThat(CommandFingerprint.of("DEBIT", "acc", 100L, "EUR", "rent!")).isNotEqualTo(original);
    }

    @Test
    void partBoundariesMatter() {
        assertThat(CommandFingerprint.of("ab", "c")).isNotEqualTo(CommandFingerprint.of("a", "bc"));
    }
}

package dev.exactlyonce.bank.fence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdempotencyKeysTests {

    @ParameterizedTest
    @ValueSource(strings = {"", "with\r\ninjected: header", "line\nfeed", "carriage\rreturn", "tab\tkey", "sp ace",
            "caf\u00e9", "\u0000", "emoji\uD83D\uDCB8"})
    void refusesKeysOutsideVisibleAscii(String key) {
        assertThatExceptionOfType(InvalidIdempotencyKeyException.class).isThrownBy(() -> IdempotencyKeys.require(key));
    }

    @Test
    void refusesMissingKey() {
        assertThatExceptionOfType(InvalidIdempotencyKeyException.class).isThrownBy(() -> IdempotencyKeys.require(null));
    }

    @Test
    void acceptsUpTo255VisibleAsciiCharacters() {
        String longest = "a".repeat(255);

        assertThat(IdempotencyKeys.require(longest)).isEqualTo(longest);
        assertThat(IdempotencyKeys.require("8e03978e-40d5-43e8-bc93-6894a57f9324")).isNotEmpty();
        assertThatExceptionOfType(InvalidIdempotencyKeyException.class)
                .isThrownBy(() -> IdempotencyKeys.require(longest + "a"))
                .withMessageContaining("256");
    }
}

package dev.exactlyonce.idempotency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeyTests {

    @ParameterizedTest
    @ValueSource(strings = { "a", "8e03978e-40d5-43e8-bc93-6894a57f9324", "!~\"quoted\"", "key:with/odd=chars" })
    void acceptsVisibleAscii(String value) {
        assertThat(new IdempotencyKey(value).value()).isEqualTo(value);
    }

    @Test
    void acceptsKeyOfMaximumLength() {
        String longest = "k".repeat(IdempotencyKey.MAX_LENGTH);

        assertThat(new IdempotencyKey(longest).value()).hasSize(255);
    }

    @Test
    void rejectsEmptyAndMissingKey() {
        assertThatThrownBy(() -> new IdempotencyKey("")).isInstanceOf(InvalidIdempotencyKeyException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new IdempotencyKey(null)).isInstanceOf(InvalidIdempotencyKeyException.class);
    }

    @Test
    void rejectsKeyLongerThan255CharactersNamingItsLength() {
        assertThatThrownBy(() -> new IdempotencyKey("k".repeat(256))).isInstanceOf(InvalidIdempotencyKeyException.class)
                .hasMessageContaining("256");
    }

    @ParameterizedTest
    @ValueSource(strings = { "with space", "line\r\nbreak", "tab\t", "del\u007f", "caf\u00e9", "\u0000" })
    void rejectsCharactersOutsideVisibleAscii(String value) {
        assertThatThrownBy(() -> new IdempotencyKey(value)).isInstanceOf(InvalidIdempotencyKeyException.class)
                .hasMessageContaining("visible ASCII");
    }
}

package dev.exactlyonce.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StrictMoneyMappingTests {

    final JsonMapper json = StrictMoneyMapping.apply(JsonMapper.builder()).build();

    record Money(long amount, String description) {
    }

    @Test
    void readsWholeMinorUnitsAndText() {
        assertThat(json.readValue("{\"amount\":1050,\"description\":\"rent\"}", Money.class))
                .isEqualTo(new Money(1050, "rent"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"amount\":10.5}", "{\"amount\":1e3}", "{\"amount\":\"100\"}", "{\"amount\":null}",
            "{\"amount\":10,\"amount\":900}", "{\"amount\":10,\"description\":12.5}",
            "{\"amount\":10,\"description\":true}", "{\"amount\":10} {}" })
    void refusesWhatDefaultsWouldQuietlyRead(String body) {
        assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> json.readValue(body, Money.class));
    }
}

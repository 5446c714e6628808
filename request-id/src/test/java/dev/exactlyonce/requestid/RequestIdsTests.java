package dev.exactlyonce.requestid;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {

    @ParameterizedTest
    @ValueSource(strings = {"a", "trace-1_2.3:4", "0f8fad5b-d9cb-469f-a165-70867728950e"})
    void keepsAWellFormedId(String offered) {
        assertThat(RequestIds.acceptOrMint(offered)).isEqualTo(offered);
    }

    @Test
    void keepsAnIdOfExactlyTheMaximumLength() {
        String longest = "x".repeat(RequestIds.MAX_LENGTH);

        assertThat(RequestIds.acceptOrMint(longest)).isEqualTo(longest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "line\r\nforged: yes", "id/with/slashes", "ünïcode", "semi;colon"})
    void replacesAnIdThatCouldForgeLogLinesOrHeadersWithANewUuid(String offered) {
        String id = RequestIds.acceptOrMint(offered);

        assertThat(id).isNotEqualTo(offered);
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }

    @Test
    void replacesAMissingOrOverlongIdWithANewUuid() {
        assertThat(UUID.fromString(RequestIds.acceptOrMint(null))).isNotNull();
        assertThat(RequestIds.acceptOrMint("x".repeat(RequestIds.MAX_LENGTH + 1))).hasSize(36);
    }
}

package dev.exactlyonce.idempotency.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayableHeadersTests {

    @Test
    void replaysDefaultAndConfiguredHeadersInAnyCase() {
        ReplayableHeaders headers = new ReplayableHeaders(List.of("ETag"));

        assertThat(headers.replays("content-type")).isTrue();
        assertThat(headers.replays("LOCATION")).isTrue();
        assertThat(headers.replays("etag")).isTrue();
        assertThat(headers.replays("X-Trace")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Set-Cookie", "authorization", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade" })
    void refusesHeadersThatCarryCredentialsOrConnectionState(String name) {
        assertThatThrownBy(() -> new ReplayableHeaders(List.of(name))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");
    }
}

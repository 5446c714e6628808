package dev.exactlyonce.client.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("3", NOW)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateRelativeToNow() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 10:00:07 GMT", NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void treatsAbsentMalformedOrPastValuesAsNoWait() {
        assertThat(RetryAfter.parse(null, NOW)).isZero();
        assertThat(RetryAfter.parse("soon", NOW)).isZero();
        assertThat(RetryAfter.parse("-5", NOW)).isZero();
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isZero();
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 09:59:00 GMT", NOW)).isZero();
    }
}

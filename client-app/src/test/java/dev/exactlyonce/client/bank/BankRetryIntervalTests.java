package dev.exactlyonce.client.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.junit.jupiter.api.Test;

class BankRetryIntervalTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private final BankRetryInterval interval = new BankRetryInterval((attempt, outcome) -> 100L * attempt, clock);

    @Test
    void keepsTheConfiguredBackoffWhenTheBankSaysNothing() {
        assertThat(interval.apply(2, failure(Duration.ZERO, NOW.plusSeconds(10)))).isEqualTo(200L);
    }

    @Test
    void waitsForRetryAfterWhenItIsLongerThanTheBackoff() {
        assertThat(interval.apply(1, failure(Duration.ofSeconds(2), NOW.plusSeconds(10)))).isEqualTo(2_000L);
    }

    @Test
    void stopsWhenTheNextAttemptCouldNotStartBeforeTheDeadline() {
        assertThat(interval.apply(1, failure(Duration.ofSeconds(20), NOW.plusSeconds(10))))
                .isEqualTo(BankRetryInterval.STOP);
        assertThat(interval.apply(1, failure(Duration.ZERO, NOW.plusMillis(50)))).isEqualTo(BankRetryInterval.STOP);
    }

    @Test
    void aStopEndsAResilience4jRetryWithTheLastFailure() {
        AtomicInteger attempts = new AtomicInteger();
        Retry retry = Retry.of("stop", RetryConfig.custom().maxAttempts(5).intervalBiFunction(interval).build());
        BankAttemptException outOfTime = new InDoubtAttemptException("HTTP 503", 503, Duration.ofSeconds(60),
                NOW.plusSeconds(10), null);

        assertThatThrownBy(() -> retry.executeSupplier(() -> {
            attempts.incrementAndGet();
            throw outOfTime;
        })).isSameAs(outOfTime);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void refusesMissingCollaborators() {
        assertThatThrownBy(() -> new BankRetryInterval(null, clock)).hasMessageContaining("backoff");
        assertThatThrownBy(() -> new BankRetryInterval((attempt, outcome) -> 1L, null)).hasMessageContaining("clock");
    }

    private static Either<Throwable, Object> failure(Duration retryAfter, Instant deadline) {
        return Either.left(new InDoubtAttemptException("HTTP 503", 503, retryAfter, deadline, null));
    }
}

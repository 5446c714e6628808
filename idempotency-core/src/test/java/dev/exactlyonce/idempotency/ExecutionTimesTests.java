package dev.exactlyonce.idempotency;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionTimesTests {

    private final ExecutionTimes times = new ExecutionTimes();

    private static long millis(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void estimatesOneSecondBeforeAnythingWasMeasured() {
        assertThat(times.estimate()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void firstMeasurementReplacesTheDefault() {
        times.record(millis(4));

        assertThat(times.estimate()).isEqualTo(Duration.ofMillis(4));
    }

    @Test
    void risesAtOnceToALongerExecution() {
        times.record(millis(5));

        times.record(millis(3000));

        assertThat(times.estimate()).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void fallsBackGraduallyAfterAnOutlier() {
        times.record(millis(3000));

        times.record(millis(10));
        Duration afterOneShort = times.estimate();
        for (int i = 0; i < 200; i++) {
            times.record(millis(10));
        }

        // One short execution does not hide a recent slow one...
        assertThat(afterOneShort).isGreaterThan(Duration.ofMillis(2500)).isLessThan(Duration.ofMillis(3000));
        // ...but a long run of short ones brings the estimate back down to them.
        assertThat(times.estimate()).isGreaterThanOrEqualTo(Duration.ofMillis(10)).isLessThan(Duration.ofMillis(20));
    }

    @Test
    void staysNearTheLongestOfMixedExecutionsNotTheirMean() {
        for (int i = 0; i < 1000; i++) {
            times.record(millis(i % 10 == 0 ? 200 : 2));
        }

        // The mean is about 22 ms; a 409 told that would come back before one execution in ten ended.
        assertThat(times.estimate()).isGreaterThan(Duration.ofMillis(100)).isLessThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void retryAfterIsTheEstimateButNeverLongerThanTheLeaseLeft() {
        times.record(millis(800));

        assertThat(times.retryAfter(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(800));
        assertThat(times.retryAfter(Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void refusesNegativeDurations() {
        assertThatThrownBy(() -> times.record(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void concurrentMeasurementsKeepTheEstimateWithinTheMeasuredRange() throws Exception {
        IdempotencyFixture.concurrently(8, thread -> {
            long longest = millis(100 + thread);
            for (int i = 0; i < 10_000; i++) {
                times.record(i == 5_000 ? longest : millis(1));
            }
        });

        // Every sample lies within [1 ms, 107 ms], so no interleaving may leave the estimate outside it.
        assertThat(times.estimate()).isBetween(Duration.ofMillis(1), Duration.ofMillis(107));
    }
}

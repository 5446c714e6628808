package dev.exactlyonce.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SignInThrottleTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    private final SignInThrottle throttle = new SignInThrottle(properties(5, 20, 10_000), clock);

    @Test
    void refusesAUserForTheInitialBackOffOnceTheLimitIsReached() {
        failTimes("alice", "10.0.0.1", 4);
        assertThat(throttle.waitBeforeAttempt("alice", "10.0.0.1")).isZero();

        throttle.failed("alice", "10.0.0.1");

        assertThat(throttle.waitBeforeAttempt("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitBeforeAttempt("alice", "10.0.0.2")).as("per user, from anywhere")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitBeforeAttempt("bob", "10.0.0.1")).as("the address is below its limit").isZero();
    }

    @Test
    void doublesTheBackOffWithEachFailureAfterItUpToTheCap() {
        failTimes("alice", null, 5);
        assertThat(throttle.waitBeforeAttempt("alice", null)).isEqualTo(Duration.ofSeconds(30));
        Duration[] expected = { Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(15), Duration.ofMinutes(15) };
        for (Duration backOff : expected) {
            clock.advance(throttle.waitBeforeAttempt("alice", null));
            assertThat(throttle.waitBeforeAttempt("alice", null)).isZero();
            throttle.failed("alice", null);
            assertThat(throttle.waitBeforeAttempt("alice", null)).isEqualTo(backOff);
        }
    }

    @Test
    void theBackOffRunsOutOnItsOwn() {
        failTimes("alice", "10.0.0.1", 5);

        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.waitBeforeAttempt("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitBeforeAttempt("alice", "10.0.0.1")).isZero();
    }

    @Test
    void aQuietWindowForgetsEarlierFailures() {
        failTimes("alice", null, 4);
        clock.advance(Duration.ofMinutes(15));

        throttle.failed("alice", null);

        assertThat(throttle.waitBeforeAttempt("alice", null)).as("one failure after a quiet window").isZero();
    }

    @Test
    void aSuccessForgetsTheUsersFailuresButNotTheAddresses() {
        SignInThrottle strict = new SignInThrottle(properties(5, 8, 10_000), clock);
        for (int i = 0; i < 4; i++) {
            strict.failed("alice", "10.0.0.1");
        }
        strict.succeeded("alice");
        for (int i = 0; i < 4; i++) {
            strict.failed("alice", "10.0.0.1");
        }

        assertThat(strict.waitBeforeAttempt("alice", "10.0.0.9")).as("4 failures since the success").isZero();
        assertThat(strict.waitBeforeAttempt("mallory", "10.0.0.1")).as("8 failures from the address")
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesAnAddressThatSpraysManyNamesOnceItsLimitIsReached() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("name-" + i, "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("name-new", "10.0.0.1")).isZero();

        throttle.failed("name-19", "10.0.0.1");

        assertThat(throttle.waitBeforeAttempt("name-new", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitBeforeAttempt("name-new", "10.0.0.2")).isZero();
    }

    @Test
    void countsNamesAsTheUserStoreComparesThemIgnoringCase() {
        failTimes("Alice", null, 3);
        failTimes("ALICE", null, 2);

        assertThat(throttle.waitBeforeAttempt("alice", null)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void remembersAtMostMaxTrackedNamesForgettingTheLongestQuietFirst() {
        SignInThrottle small = new SignInThrottle(properties(2, 1_000, 3), clock);
        small.failed("first", null);
        small.failed("first", null);
        for (String name : new String[] { "b", "c", "d" }) {
            clock.advance(Duration.ofSeconds(1));
            small.failed(name, null);
        }

        assertThat(small.waitBeforeAttempt("first", null)).as("evicted: the oldest of four in a map of three")
                .isZero();
        small.failed("d", null);
        assertThat(small.waitBeforeAttempt("d", null)).as("recent names are kept").isPositive();
    }

    @Test
    void doesNothingWhenDisabled() {
        SignInThrottle off = new SignInThrottle(new SignInThrottleProperties(false, 1, 1, Duration.ofMinutes(15),
                Duration.ofSeconds(30), Duration.ofMinutes(15), 10), clock);
        off.failed("alice", "10.0.0.1");
        off.failed("alice", "10.0.0.1");

        assertThat(off.waitBeforeAttempt("alice", "10.0.0.1")).isZero();
    }

    @Test
    void propertiesNameTheBadValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(0, 20, 10))
                .withMessageContaining("client.sign-in-throttle.user-failures").withMessageContaining("0");
        assertThatIllegalArgumentException().isThrownBy(() -> new SignInThrottleProperties(true, 5, 20,
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(1), 10))
                .withMessageContaining("max-back-off");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertThat(new SignInThrottledException(Duration.ofMillis(1_200)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new SignInThrottledException(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new SignInThrottledException(Duration.ofSeconds(30)).retryAfterSeconds()).isEqualTo(30);
    }

    private void failTimes(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    private static SignInThrottleProperties properties(int userFailures, int addressFailures, int maxTracked) {
        return new SignInThrottleProperties(true, userFailures, addressFailures, Duration.ofMinutes(15),
                Duration.ofSeconds(30), Duration.ofMinutes(15), maxTracked);
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package dev.exactlyonce.idempotency;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyPolicyTests {

    @Test
    void renewsAtAThirdOfTheLeaseByDefault() {
        IdempotencyPolicy policy = IdempotencyPolicy.of(Duration.ofSeconds(9), Duration.ofHours(24));

        assertThat(policy.heartbeat()).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.waits()).isFalse();
    }

    @Test
    void rejectsHeartbeatNoShorterThanLeaseNamingBoth() {
        assertThatThrownBy(() -> new IdempotencyPolicy(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofHours(1),
                Duration.ZERO, Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT5S");
    }

    @Test
    void rejectsRetentionShorterThanLease() {
        assertThatThrownBy(() -> IdempotencyPolicy.of(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .hasMessageContaining("retention (PT1M)");
    }

    @Test
    void rejectsNonPositiveLease() {
        assertThatThrownBy(() -> IdempotencyPolicy.of(Duration.ZERO, Duration.ofHours(1)))
                .hasMessageContaining("lease must be positive; got PT0S");
    }
}

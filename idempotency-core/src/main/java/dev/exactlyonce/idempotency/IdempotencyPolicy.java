package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing rules of the state machine.
 *
 * @param lease how long a PENDING claim holds without renewal; after it another attempt may take over
 * @param heartbeat how often a running execution renews its lease; well below {@code lease} so that one
 *        slow renewal does not lose it
 * @param retention how long a COMPLETED record is replayed
 * @param waitTimeout how long a request that finds the key PENDING waits for the first execution to
 *        finish before it is answered "in progress"; {@link Duration#ZERO} answers at once
 * @param pollInterval how often a waiting request looks at the record again
 */
public record IdempotencyPolicy(Duration lease, Duration heartbeat, Duration retention, Duration waitTimeout,
        Duration pollInterval) {

    public IdempotencyPolicy {
        positive("lease", lease);
        positive("heartbeat", heartbeat);
        positive("retention", retention);
        positive("pollInterval", pollInterval);
        Objects.requireNonNull(waitTimeout, "waitTimeout must not be null");
        if (waitTimeout.isNegative()) {
            throw new IllegalArgumentException("waitTimeout must not be negative; got " + waitTimeout);
        }
        if (heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException(
                    "heartbeat (" + heartbeat + ") must be shorter than the lease (" + lease + ") it renews");
        }
        if (retention.compareTo(lease) < 0) {
            throw new IllegalArgumentException(
                    "retention (" + retention + ") must be at least as long as the lease (" + lease + ")");
        }
    }

    /** Lease with a heartbeat at a third of it, no waiting, and polling every 50 ms should waiting be turned on. */
    public static IdempotencyPolicy of(Duration lease, Duration retention) {
        positive("lease", lease);
        return new IdempotencyPolicy(lease, lease.dividedBy(3), retention, Duration.ZERO, Duration.ofMillis(50));
    }

    /** Whether a request that finds the key PENDING waits for the first execution. */
    public boolean waits() {
        return !waitTimeout.isZero();
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive; got " + value);
        }
    }
}

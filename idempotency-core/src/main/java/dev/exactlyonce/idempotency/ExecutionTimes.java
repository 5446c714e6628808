package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long executions in this process take, from claim until their record is completed (and visible
 * to other instances) or released: the basis of the {@code Retry-After} of a 409, so that a client is
 * told to come back when the first attempt has most likely ended rather than when its lease would run
 * out.
 *
 * <p>The estimate is a decaying maximum: a longer execution raises it at once, each shorter one lowers
 * it by a sixteenth of the gap. It therefore sits near the longest recent durations (a high percentile,
 * not the mean that a few fast requests would drag down), forgets an outlier after a few dozen
 * executions, and costs one compare-and-set per execution.
 */
final class ExecutionTimes {

    /** The hint while nothing has been measured: executions usually end within milliseconds. */
    static final Duration DEFAULT_ESTIMATE = Duration.ofSeconds(1);

    /** Each shorter sample closes 1 / 2^DECAY_SHIFT of the gap. */
    private static final int DECAY_SHIFT = 4;

    private static final long NONE = -1;

    private final AtomicLong estimateNanos = new AtomicLong(NONE);

    /** Records one execution's duration. */
    void record(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("An execution cannot take a negative time; got " + nanos + " ns");
        }
        estimateNanos.accumulateAndGet(nanos, ExecutionTimes::decayedMaximum);
    }

    /** The current estimate, or {@link #DEFAULT_ESTIMATE} before the first measurement. */
    Duration estimate() {
        long nanos = estimateNanos.get();
        return nanos == NONE ? DEFAULT_ESTIMATE : Duration.ofNanos(nanos);
    }

    /**
     * How long a request that found the key in use should wait: the estimate, but never past the end of
     * the holder's lease, when the key changes hands at the latest.
     */
    Duration retryAfter(Duration leaseRemaining) {
        Duration estimate = estimate();
        return estimate.compareTo(leaseRemaining) <= 0 ? estimate : leaseRemaining;
    }

    private static long decayedMaximum(long current, long sample) {
        if (current == NONE || sample >= current) {
            return sample;
        }
        return current - ((current - sample) >> DECAY_SHIFT);
    }
}

package dev.exactlyonce.gateway.retry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often and how patiently a retry-safe call is tried again.
 *
 * @param maxAttempts attempts per call, the first included; 1 turns retries off
 * @param initialBackoff wait before the first retry; each further wait is {@code multiplier} times longer
 * @param multiplier growth of the wait from one retry to the next
 * @param maxBackoff longest wait between two attempts
 * @param jitter random spread added to or taken from each wait, so that callers who failed together do
 *        not all come back at the same moment
 * @param maxRetryAfter longest wait that an upstream's {@code Retry-After} (on a 429 or 503) may ask for:
 *        within it, the retry waits at least that long; beyond it, the upstream's answer goes back to the
 *        caller at once rather than holding the call
 */
@ConfigurationProperties("gateway.retry")
public record RetryProperties(@DefaultValue("3") int maxAttempts, @DefaultValue("100ms") Duration initialBackoff,
        @DefaultValue("2.0") double multiplier, @DefaultValue("1s") Duration maxBackoff,
        @DefaultValue("25ms") Duration jitter, @DefaultValue("2s") Duration maxRetryAfter) {

    public RetryProperties {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("gateway.retry.max-attempts must be between 1 and 10, not " + maxAttempts);
        }
        requireNotNegative("initial-backoff", initialBackoff);
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("gateway.retry.multiplier must be at least 1.0, not " + multiplier);
        }
        requireNotNegative("max-backoff", maxBackoff);
        requireNotNegative("jitter", jitter);
        requireNotNegative("max-retry-after", maxRetryAfter);
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("gateway.retry." + name + " must be zero or more, not " + value);
        }
    }
}

package dev.exactlyonce.gateway.retry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How often and how patiently a retry-safe call is tried again. */
@ConfigurationProperties("gateway.retry")
public class RetryProperties {

    /** Attempts per call, the first included; 1 turns retries off. */
    private int maxAttempts = 3;

    /** Wait before the first retry; each further wait is {@code multiplier} times longer. */
    private Duration initialBackoff = Duration.ofMillis(100);

    /** Growth of the wait from one retry to the next. */
    private double multiplier = 2.0;

    /** Longest wait between two attempts. */
    private Duration maxBackoff = Duration.ofSeconds(1);

    /**
     * Random spread added to or taken from each wait, so that callers who failed together do not all
     * come back at the same moment.
     */
    private Duration jitter = Duration.ofMillis(25);

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("gateway.retry.max-attempts must be between 1 and 10, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = requireNotNegative("initial-backoff", initialBackoff);
    }

    public double getMultiplier() {
        return multiplier;
    }

    public void setMultiplier(double multiplier) {
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("gateway.retry.multiplier must be at least 1.0, not " + multiplier);
        }
        this.multiplier = multiplier;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = requireNotNegative("max-backoff", maxBackoff);
    }

    public Duration getJitter() {
        return jitter;
    }

    public void setJitter(Duration jitter) {
        this.jitter = requireNotNegative("jitter", jitter);
    }

    private static Duration requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("gateway.retry." + name + " must be zero or more, not " + value);
        }
        return value;
    }
}

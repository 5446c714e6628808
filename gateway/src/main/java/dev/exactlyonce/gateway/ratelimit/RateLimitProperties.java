package dev.exactlyonce.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How many API calls one client may make per window. */
@ConfigurationProperties("gateway.rate-limit")
public class RateLimitProperties {

    /** Whether API calls are counted and refused with 429 past the limit. */
    private boolean enabled = true;

    /** Calls one client may make per window. */
    private int limit = 100;

    /** Length of the fixed window; the first call of a client opens it. */
    private Duration window = Duration.ofSeconds(10);

    /**
     * Whether calls pass when Redis cannot be asked. The limit protects bank-service from floods, it does
     * not keep money safe (the Idempotency-Key and the ledger do), so an outage of the counter should not
     * stop payments.
     */
    private boolean failOpen = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getLimit() {
        return limit;
    }

    public void setLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("gateway.rate-limit.limit must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        if (window == null || window.toMillis() < 1) {
            throw new IllegalArgumentException("gateway.rate-limit.window must be at least 1ms, not " + window);
        }
        this.window = window;
    }

    public boolean isFailOpen() {
        return failOpen;
    }

    public void setFailOpen(boolean failOpen) {
        this.failOpen = failOpen;
    }
}

package dev.exactlyonce.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's two token buckets, one per client and one per address, kept in Redis so that every gateway
 * replica takes from the same buckets.
 */
@ConfigurationProperties("gateway.rate-limit")
public class RateLimitProperties {

    /** Whether API calls take tokens from the buckets and are refused with 429 when one is empty. */
    private boolean enabled = true;

    /**
     * Whether calls pass when Redis cannot be asked. The limit protects bank-service from floods, it does
     * not keep money safe (the Idempotency-Key and the ledger do), so an outage of the buckets should not
     * stop payments. When false, such calls are refused with 503.
     */
    private boolean failOpen = true;

    /**
     * Longest a call waits for Redis to take its tokens; past it, Redis counts as unreachable (see
     * {@code fail-open}).
     */
    private Duration timeout = Duration.ofMillis(500);

    /**
     * The bucket of one client: the SHA-256 of its bearer token, or its address when it sends none. The
     * gateway does not check tokens (bank-service does), so this bucket alone would give every invented
     * token a budget of its own; the address bucket bounds them all.
     */
    private final Bucket client = new Bucket("client", 100, 100, Duration.ofSeconds(10));

    /**
     * The bucket of one address, whatever tokens its calls carry: the connection's remote address, or the
     * one a trusted proxy forwarded when {@code server.forward-headers-strategy} says so. A caller serving
     * many users (client-app) is one address, so this budget is sized for it.
     */
    private final Bucket address = new Bucket("address", 1000, 1000, Duration.ofSeconds(10));

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isFailOpen() {
        return failOpen;
    }

    public void setFailOpen(boolean failOpen) {
        this.failOpen = failOpen;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = atLeastOneMilli("gateway.rate-limit.timeout", timeout);
    }

    public Bucket getClient() {
        return client;
    }

    public Bucket getAddress() {
        return address;
    }

    /**
     * A token bucket: every call takes one token, a call finding none is refused, and {@code refill-tokens}
     * are put back every {@code refill-period}, one at a time spread evenly over it (so a refused caller
     * waits at most {@code refill-period / refill-tokens} for the next one).
     */
    public static final class Bucket {

        private final String name;

        /** Tokens a full bucket holds: the most calls one burst may make. */
        private long capacity;

        /** Tokens put back per {@code refill-period}: the sustained rate. */
        private long refillTokens;

        /** The period over which {@code refill-tokens} are put back. */
        private Duration refillPeriod;

        /** Through the setters, so a default is held to the rules a configured value is. */
        Bucket(String name, long capacity, long refillTokens, Duration refillPeriod) {
            this.name = name;
            setCapacity(capacity);
            setRefillTokens(refillTokens);
            setRefillPeriod(refillPeriod);
        }

        public long getCapacity() {
            return capacity;
        }

        public void setCapacity(long capacity) {
            this.capacity = atLeastOne("capacity", capacity);
        }

        public long getRefillTokens() {
            return refillTokens;
        }

        public void setRefillTokens(long refillTokens) {
            this.refillTokens = atLeastOne("refill-tokens", refillTokens);
        }

        public Duration getRefillPeriod() {
            return refillPeriod;
        }

        public void setRefillPeriod(Duration refillPeriod) {
            this.refillPeriod = atLeastOneMilli("gateway.rate-limit." + name + ".refill-period", refillPeriod);
        }

        /** Whole seconds until a refused caller finds a token again, rounded up: at least one. */
        long retryAfterSeconds() {
            long millisPerToken = (refillPeriod.toMillis() + refillTokens - 1) / refillTokens;
            return Math.max(1, (millisPerToken + 999) / 1000);
        }

        String name() {
            return name;
        }

        private long atLeastOne(String property, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(
                        "gateway.rate-limit." + name + "." + property + " must be at least 1, not " + value);
            }
            return value;
        }
    }

    private static Duration atLeastOneMilli(String property, Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException(property + " must be at least 1ms, not " + value);
        }
        return value;
    }
}

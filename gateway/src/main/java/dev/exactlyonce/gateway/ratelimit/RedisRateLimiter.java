package dev.exactlyonce.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A fixed-window counter per client in Redis. One script increments the count and starts the window's
 * expiry on the first call, so concurrent gateways never lose a count or leave a counter without an
 * expiry, and the window is timed by Redis's clock alone. A fixed window can let up to twice the limit
 * through around a window boundary; that is accepted for a flood guard.
 */
class RedisRateLimiter {

    private static final String KEY_PREFIX = "gateway:rate:";

    /** KEYS[1] counter; ARGV[1] window in ms. Returns {count, ms until the window closes}. */
    private static final RedisScript<List<Long>> COUNT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """, (Class<List<Long>>) (Class<?>) List.class);

    private final StringRedisTemplate redis;

    private final int limit;

    private final Duration window;

    RedisRateLimiter(StringRedisTemplate redis, int limit, Duration window) {
        this.redis = redis;
        this.limit = limit;
        this.window = window;
    }

    /** Counts one call of the client and says whether it is within the limit. */
    Decision acquire(String client) {
        List<Long> result = redis.execute(COUNT, List.of(KEY_PREFIX + client), String.valueOf(window.toMillis()));
        if (result == null || result.size() != 2) {
            throw new IllegalStateException("The rate limit script answered " + result);
        }
        long count = result.get(0);
        Duration untilReset = Duration.ofMillis(Math.max(result.get(1), 0));
        return new Decision(count <= limit, Math.max(limit - count, 0), untilReset);
    }

    /**
     * @param allowed whether the call is within the limit
     * @param remaining calls left in this window
     * @param untilReset time until the window closes and the count starts again
     */
    record Decision(boolean allowed, long remaining, Duration untilReset) {

        /** Whole seconds for a {@code Retry-After} header: rounded up, and at least one. */
        long retryAfterSeconds() {
            long millis = untilReset.toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }
}

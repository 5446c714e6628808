package dev.exactlyonce.gateway.ratelimit;

import java.time.Duration;
import java.util.function.Function;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

import org.springframework.cloud.gateway.server.mvc.filter.Bucket4jFilterFunctions;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One kind of bucket (per client, per address) on Spring Cloud Gateway's own {@code RateLimiter} filter:
 * Bucket4j, with the buckets in Redis through the application's {@code AsyncProxyManager}. The filter
 * answers a bare 429 when the bucket is empty; {@link RateLimitFilter} turns that into the problem.
 */
final class TokenBucket {

    private final RateLimitProperties.Bucket settings;

    private final HandlerFilterFunction<ServerResponse, ServerResponse> limiter;

    TokenBucket(RateLimitProperties.Bucket settings, HandlerFilterFunction<ServerResponse, ServerResponse> limiter) {
        this.settings = settings;
        this.limiter = limiter;
    }

    /**
     * @param key the caller's key for this kind of bucket; the bucket's name is put in front, so that a
     *        client and an address never share a bucket
     * @param timeout longest the filter waits for Redis
     */
    static TokenBucket onGatewayFilter(RateLimitProperties.Bucket settings, Function<ServerRequest, String> key,
            Duration timeout) {
        return new TokenBucket(settings, Bucket4jFilterFunctions.rateLimit(config -> {
            config.setCapacity(settings.getCapacity())
                    .setPeriod(settings.getRefillPeriod())
                    .setKeyResolver(request -> settings.name() + ":" + key.apply(request))
                    .setTimeout(timeout)
                    // Each bucket says what is left in it under a name of its own.
                    .setHeaderName("X-RateLimit-Remaining-" + Character.toUpperCase(settings.name().charAt(0))
                            + settings.name().substring(1));
            // The filter's default refills the whole capacity per period; ours refills refill-tokens.
            config.setConfigurationBuilder(c -> BucketConfiguration.builder()
                    .addLimit(Bandwidth.builder()
                            .capacity(c.getCapacity())
                            .refillGreedy(settings.getRefillTokens(), settings.getRefillPeriod())
                            .build())
                    .build());
        }));
    }

    HandlerFilterFunction<ServerResponse, ServerResponse> limiter() {
        return limiter;
    }

    String name() {
        return settings.name();
    }

    /**
     * Whole seconds until an empty bucket has a token again. Tokens come back one at a time, so this is
     * the time one token takes, rounded up: the filter does not say how far the next one is, only that
     * there was none.
     */
    long retryAfterSeconds() {
        return settings.retryAfterSeconds();
    }
}

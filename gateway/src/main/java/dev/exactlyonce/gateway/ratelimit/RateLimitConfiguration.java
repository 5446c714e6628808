package dev.exactlyonce.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    private static final String KEY_PREFIX = "gateway:rate:";

    /**
     * How long a full bucket stays in Redis: a full bucket and no bucket mean the same, so a bucket goes as
     * soon as it has refilled, and Redis holds only the buckets of recent callers.
     */
    private static final Duration KEPT_WHEN_FULL = Duration.ofSeconds(1);

    /** Where Spring Cloud Gateway's RateLimiter filter finds the buckets (it asks for this type by name). */
    @Bean
    AsyncProxyManager<String> rateLimitBuckets(LettuceConnectionFactory redis, RateLimitProperties properties) {
        return new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<byte[]>(new SharedRedisConnection<>(redis))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_WHEN_FULL))
                .requestTimeout(properties.getTimeout())
                .build()
                .asAsync()
                .withMapper((String key) -> (KEY_PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimitProperties properties, MeterRegistry meters) {
        Duration timeout = properties.getTimeout();
        return new RateLimitFilter(List.of(
                TokenBucket.onGatewayFilter(properties.getAddress(), ClientIdentity::address, timeout),
                TokenBucket.onGatewayFilter(properties.getClient(), ClientIdentity::client, timeout)),
                properties.isFailOpen(), meters);
    }
}

package dev.exactlyonce.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    RateLimitFilter rateLimitFilter(StringRedisTemplate redis, RateLimitProperties properties, MeterRegistry meters) {
        return new RateLimitFilter(new RedisRateLimiter(redis, properties.getLimit(), properties.getWindow()),
                properties.isFailOpen(), meters);
    }
}

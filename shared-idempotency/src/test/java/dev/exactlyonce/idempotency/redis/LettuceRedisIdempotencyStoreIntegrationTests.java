package dev.exactlyonce.idempotency.redis;

import java.time.Duration;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The store through Lettuce, Spring Boot's default client: one shared, multiplexed connection. */
class LettuceRedisIdempotencyStoreIntegrationTests extends RedisIdempotencyStoreIntegrationTests {

    @Override
    protected RedisConnectionFactory connectionFactory(RedisStandaloneConfiguration server) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server,
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}

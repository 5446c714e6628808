package dev.exactlyonce.idempotency.redis;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/** The store through Lettuce, Spring Boot's default client: one shared, multiplexed connection. */
class LettuceRedisIdempotencyStoreIntegrationTests extends RedisIdempotencyStoreIntegrationTests {

    @Override
    protected RedisConnectionFactory connectionFactory(RedisTopology topology) {
        return topology.lettuce();
    }
}

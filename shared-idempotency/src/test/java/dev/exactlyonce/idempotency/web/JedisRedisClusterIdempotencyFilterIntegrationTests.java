package dev.exactlyonce.idempotency.web;

import org.springframework.test.context.TestPropertySource;

/** Through Jedis, as bank-service runs. */
@TestPropertySource(properties = "spring.data.redis.client-type=jedis")
class JedisRedisClusterIdempotencyFilterIntegrationTests extends RedisClusterIdempotencyFilterIntegrationTests {
}

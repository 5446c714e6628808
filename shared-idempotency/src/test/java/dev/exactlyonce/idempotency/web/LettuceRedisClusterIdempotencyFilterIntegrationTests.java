package dev.exactlyonce.idempotency.web;

import org.springframework.test.context.TestPropertySource;

/** Through Lettuce, Spring Boot's default client, with the topology refresh it needs to follow a failover. */
@TestPropertySource(properties = "spring.data.redis.lettuce.cluster.refresh.adaptive=true")
class LettuceRedisClusterIdempotencyFilterIntegrationTests extends RedisClusterIdempotencyFilterIntegrationTests {
}

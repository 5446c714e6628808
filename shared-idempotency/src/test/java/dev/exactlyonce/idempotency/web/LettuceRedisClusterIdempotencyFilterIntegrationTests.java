package dev.exactlyonce.idempotency.web;

import dev.exactlyonce.idempotency.redis.RedisTopology;
import dev.exactlyonce.localinfra.RedisClusterInitializer;

import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Every filter test again with the application on a real Redis Cluster through Lettuce, Spring Boot's default
 * client, configured only by {@code spring.data.redis.cluster.nodes} and the topology refresh Lettuce needs to
 * follow a failover.
 */
@ContextConfiguration(initializers = RedisClusterInitializer.class, inheritInitializers = false)
@TestPropertySource(properties = "spring.data.redis.lettuce.cluster.refresh.adaptive=true")
class LettuceRedisClusterIdempotencyFilterIntegrationTests extends IdempotencyFilterIntegrationTests {

    @Override
    RedisTopology topology() {
        return RedisTopology.CLUSTER;
    }
}

package dev.exactlyonce.idempotency.web;

import dev.exactlyonce.idempotency.redis.RedisTopology;
import dev.exactlyonce.localinfra.RedisClusterInitializer;

import org.springframework.test.context.ContextConfiguration;

/**
 * Every filter test again with the application on a real Redis Cluster, configured only by
 * {@code spring.data.redis.cluster.nodes}; a subclass per client.
 */
@ContextConfiguration(initializers = RedisClusterInitializer.class, inheritInitializers = false)
abstract class RedisClusterIdempotencyFilterIntegrationTests extends IdempotencyFilterIntegrationTests {

    @Override
    RedisTopology topology() {
        return RedisTopology.CLUSTER;
    }
}

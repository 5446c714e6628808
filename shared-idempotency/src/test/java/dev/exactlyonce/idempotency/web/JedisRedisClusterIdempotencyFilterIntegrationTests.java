package dev.exactlyonce.idempotency.web;

import dev.exactlyonce.idempotency.redis.RedisTopology;
import dev.exactlyonce.localinfra.RedisClusterInitializer;

import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/** Every filter test again with the application on a real Redis Cluster through Jedis, as bank-service runs. */
@ContextConfiguration(initializers = RedisClusterInitializer.class, inheritInitializers = false)
@TestPropertySource(properties = "spring.data.redis.client-type=jedis")
class JedisRedisClusterIdempotencyFilterIntegrationTests extends IdempotencyFilterIntegrationTests {

    @Override
    RedisTopology topology() {
        return RedisTopology.CLUSTER;
    }
}

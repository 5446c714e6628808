package dev.exactlyonce.idempotency.redis;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/** The store through Jedis, as bank-service runs it: a pool of blocking connections. */
class JedisRedisIdempotencyStoreIntegrationTests extends RedisIdempotencyStoreIntegrationTests {

    @Override
    protected RedisConnectionFactory connectionFactory(RedisTopology topology) {
        return topology.jedis();
    }
}

package dev.exactlyonce.idempotency.redis;

/** The store through Jedis on a real Redis Cluster of three masters and three replicas. */
class JedisRedisClusterIdempotencyStoreIntegrationTests extends JedisRedisIdempotencyStoreIntegrationTests {

    @Override
    protected RedisTopology topology() {
        return RedisTopology.CLUSTER;
    }
}

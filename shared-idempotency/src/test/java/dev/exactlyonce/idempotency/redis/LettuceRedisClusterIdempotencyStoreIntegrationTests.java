package dev.exactlyonce.idempotency.redis;

/** The store through Lettuce on a real Redis Cluster of three masters and three replicas. */
class LettuceRedisClusterIdempotencyStoreIntegrationTests extends LettuceRedisIdempotencyStoreIntegrationTests {

    @Override
    protected RedisTopology topology() {
        return RedisTopology.CLUSTER;
    }
}

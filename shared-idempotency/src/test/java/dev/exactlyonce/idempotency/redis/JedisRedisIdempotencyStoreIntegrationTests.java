package dev.exactlyonce.idempotency.redis;

import java.time.Duration;

import redis.clients.jedis.JedisPoolConfig;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

/** The store through Jedis, as bank-service runs it: a pool of blocking connections. */
class JedisRedisIdempotencyStoreIntegrationTests extends RedisIdempotencyStoreIntegrationTests {

    @Override
    protected RedisConnectionFactory connectionFactory(RedisStandaloneConfiguration server) {
        JedisPoolConfig pool = new JedisPoolConfig();
        // More than the concurrency tests' contenders, so that they race in Redis, not in the pool.
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        JedisConnectionFactory factory = new JedisConnectionFactory(server, JedisClientConfiguration.builder()
                .readTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(2))
                .usePooling().poolConfig(pool)
                .build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}

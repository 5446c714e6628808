package dev.exactlyonce.idempotency.redis;

import java.time.Duration;
import java.util.List;

import dev.exactlyonce.localinfra.RealServers;
import dev.exactlyonce.localinfra.RedisCluster;
import dev.exactlyonce.localinfra.RedisServer;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import redis.clients.jedis.JedisPoolConfig;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis deployments the store is tested on: the JVM's one real server, or its real cluster of three masters
 * and three replicas. Each can go away and come back, empty, on the same addresses.
 */
public enum RedisTopology {

    STANDALONE {
        @Override
        RedisConfiguration configuration() {
            RedisServer server = RealServers.shared().redis();
            return new RedisStandaloneConfiguration(server.host(), server.port());
        }

        @Override
        public void stop() {
            RealServers.shared().redis().stop();
        }

        @Override
        public void start() {
            RealServers.shared().redis().start();
        }
    },

    CLUSTER {
        @Override
        RedisConfiguration configuration() {
            return new RedisClusterConfiguration(List.of(RedisCluster.shared().nodesProperty().split(",")));
        }

        @Override
        public void stop() {
            RedisCluster.shared().stop();
        }

        @Override
        public void start() {
            RedisCluster.shared().start();
        }
    };

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    abstract RedisConfiguration configuration();

    /** Makes Redis unreachable: every command fails until {@link #start()}. */
    public abstract void stop();

    /** Brings Redis back on the same addresses, without its records. */
    public abstract void start();

    /** A started Jedis factory, as bank-service runs it: a pool of blocking connections, two-second timeouts. */
    RedisConnectionFactory jedis() {
        JedisPoolConfig pool = new JedisPoolConfig();
        // More than the concurrency tests' contenders, so that they race in Redis, not in the pool.
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        // Restarting a whole cluster (as the tests of an unreachable Redis do) breaks every pooled connection to
        // every node, and Jedis's cluster client gives up after five broken ones in a row; a standalone pool
        // discards them one failed command at a time. Checked before use, none is handed out.
        pool.setTestOnBorrow(this == CLUSTER);
        JedisClientConfiguration client = JedisClientConfiguration.builder()
                .readTimeout(TIMEOUT)
                .connectTimeout(TIMEOUT)
                .usePooling().poolConfig(pool)
                .build();
        RedisConfiguration configuration = configuration();
        JedisConnectionFactory factory = configuration instanceof RedisClusterConfiguration cluster
                ? new JedisConnectionFactory(cluster, client)
                : new JedisConnectionFactory((RedisStandaloneConfiguration) configuration, client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /**
     * A started Lettuce factory, Spring Boot's default client: one shared, multiplexed connection, a two-second
     * command timeout, and on a cluster a topology that follows a failover at once (adaptive refresh).
     */
    RedisConnectionFactory lettuce() {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(TIMEOUT)
                .clientOptions(ClusterClientOptions.builder()
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers()
                                .build())
                        .build())
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration(), client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}

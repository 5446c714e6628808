package dev.exactlyonce.gateway.ratelimit;

import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Bucket4j's Redis calls on the application's own Lettuce connection, so that the buckets use the Redis that
 * {@code spring.data.redis.*} configures (host, password, TLS, timeouts) with nothing configured twice.
 *
 * <p>The connection is opened on first use rather than when the gateway starts: a gateway must start while
 * Redis is down (calls pass, see {@code gateway.rate-limit.fail-open}). Once open, Lettuce reconnects it by
 * itself, and its commands give up after {@code spring.data.redis.timeout}.
 *
 * <p>Generic in the key although the keys are {@code byte[]}: Bucket4j hands keys over in an
 * {@code Object[]}, which a {@code RedisApi<byte[]>} method would have to cast, and fail.
 */
final class SharedRedisConnection<K> implements RedisApi<K> {

    private final LettuceConnectionFactory connections;

    private volatile RedisClusterAsyncCommands<K, byte[]> commands;

    SharedRedisConnection(LettuceConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] params) {
        return commands().eval(script, type, keys, params);
    }

    @Override
    public RedisFuture<byte[]> get(K key) {
        return commands().get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public RedisFuture<?> delete(K key) {
        return commands().del(key);
    }

    @SuppressWarnings("unchecked")
    private RedisClusterAsyncCommands<K, byte[]> commands() {
        RedisClusterAsyncCommands<K, byte[]> open = commands;
        if (open == null) {
            // The factory's shared connection (it throws while Redis cannot be reached); the wrapper around
            // it holds nothing of its own, and closing it leaves the shared connection open.
            try (RedisConnection connection = connections.getConnection()) {
                open = (RedisClusterAsyncCommands<K, byte[]>) connection.getNativeConnection();
            }
            commands = open;
        }
        return open;
    }
}

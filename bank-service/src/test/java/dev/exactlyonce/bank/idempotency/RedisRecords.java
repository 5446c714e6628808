package dev.exactlyonce.bank.idempotency;

import java.util.List;

import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.RecordId;
import dev.exactlyonce.idempotency.redis.RedisIdempotencyStore;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Looks at and tampers with the idempotency records in Redis, the way an operator or a failure would. A test
 * class asks for it with {@code @Autowired}; public only so that the shared test beans can declare it.
 */
public record RedisRecords(StringRedisTemplate redis, RedisIdempotencyStore store) {

    private static final RedisScript<Long> MEMORY_USAGE =
            RedisScript.of("return redis.call('MEMORY', 'USAGE', KEYS[1])", Long.class);

    String key(String client, String idempotencyKey) {
        return store.redisKey(new RecordId(client, new IdempotencyKey(idempotencyKey)));
    }

    boolean exists(String client, String idempotencyKey) {
        return Boolean.TRUE.equals(redis.hasKey(key(client, idempotencyKey)));
    }

    void delete(String client, String idempotencyKey) {
        redis.delete(key(client, idempotencyKey));
    }

    /** Forgets every record, as a Redis restart without persistence or an operator's FLUSHALL would. */
    void flushAll() {
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
    }

    long memoryUsage(String client, String idempotencyKey) {
        Long bytes = redis.execute(MEMORY_USAGE, List.of(key(client, idempotencyKey)));
        return bytes == null ? 0 : bytes;
    }
}

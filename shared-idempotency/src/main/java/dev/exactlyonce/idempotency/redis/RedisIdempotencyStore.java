package dev.exactlyonce.idempotency.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.exactlyonce.idempotency.ClaimResult;
import dev.exactlyonce.idempotency.IdempotencyStore;
import dev.exactlyonce.idempotency.IdempotencyStoreException;
import dev.exactlyonce.idempotency.OwnerToken;
import dev.exactlyonce.idempotency.RecordId;
import dev.exactlyonce.idempotency.RequestFingerprint;
import dev.exactlyonce.idempotency.StoredResponse;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Idempotency records in Redis. Each transition is one Lua script, so it is atomic without
 * {@code WATCH} or locks; scripts use only commands Redis 6.2 has ({@code GET}, {@code SET} with
 * {@code PX}/{@code KEEPTTL}, {@code DEL}, {@code TIME}). Leases are compared against Redis's
 * {@code TIME} and records expire by {@code PX}, so no application clock is ever involved.
 *
 * <p>A record is one binary string (see the scripts for its layout), under the key
 * {@code <prefix><length of scope>:<scope>:<idempotency key>}; the length makes the scope/key split
 * unambiguous whatever characters either holds.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

    /** The key prefix used when none is configured. */
    public static final String DEFAULT_KEY_PREFIX = "idem:";

    private static final RedisScript<List> CLAIM = script("claim", List.class);
    private static final RedisScript<Long> RENEW = script("renew", Long.class);
    private static final RedisScript<Long> COMPLETE = script("complete", Long.class);
    private static final RedisScript<Long> RELEASE = script("release", Long.class);

    private final RedisTemplate<String, byte[]> redis;
    private final String keyPrefix;

    public RedisIdempotencyStore(RedisConnectionFactory connectionFactory, String keyPrefix) {
        Objects.requireNonNull(connectionFactory, "connectionFactory");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        RedisTemplate<String, byte[]> template = new RedisTemplate<>();
        template.setConnectionFactory(connectionFactory);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(RedisSerializer.byteArray());
        template.afterPropertiesSet();
        this.redis = template;
    }

    @Override
    public ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner, Duration lease,
            Duration retention) {
        List<?> reply = run("claim", id, CLAIM, fingerprint.bytes(), owner.bytes(), millis(lease), millis(retention));
        int code = ((Number) reply.get(0)).intValue();
        return switch (code) {
            case 1 -> new ClaimResult.Claimed(false);
            case 2 -> new ClaimResult.Claimed(true);
            case 3 -> new ClaimResult.InProgress(Duration.ofMillis(((Number) reply.get(1)).longValue()));
            case 4 -> new ClaimResult.Completed(SnapshotCodec.decode((byte[]) reply.get(1)));
            case 5 -> new ClaimResult.FingerprintMismatch();
            default -> throw new IdempotencyStoreException("Unexpected claim reply " + reply + " for " + id, null);
        };
    }

    @Override
    public boolean renew(RecordId id, OwnerToken owner, Duration lease) {
        return run("renew", id, RENEW, owner.bytes(), millis(lease)) == 1L;
    }

    @Override
    public boolean complete(RecordId id, OwnerToken owner, StoredResponse response, Duration retention) {
        return run("complete", id, COMPLETE, owner.bytes(), SnapshotCodec.encode(response), millis(retention)) == 1L;
    }

    @Override
    public boolean release(RecordId id, OwnerToken owner) {
        return run("release", id, RELEASE, owner.bytes()) == 1L;
    }

    /** The Redis key of a record; public so that operators and tests can inspect it. */
    public String redisKey(RecordId id) {
        return keyPrefix + id.scope().length() + ':' + id.scope() + ':' + id.key().value();
    }

    private <T> T run(String transition, RecordId id, RedisScript<T> script, byte[]... args) {
        try {
            T reply = redis.execute(script, RedisSerializer.byteArray(), rawResults(), List.of(redisKey(id)),
                    (Object[]) args);
            if (reply == null) {
                throw new IdempotencyStoreException("Redis gave no reply to " + transition + " of " + id, null);
            }
            return reply;
        } catch (IdempotencyStoreException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new IdempotencyStoreException("Redis failed to " + transition + " " + id, ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> RedisSerializer<T> rawResults() {
        // Bulk replies stay bytes (the snapshot is binary); integers and lists pass through as they are.
        return (RedisSerializer<T>) RedisSerializer.byteArray();
    }

    private static byte[] millis(Duration duration) {
        return Long.toString(duration.toMillis()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Read once: a script backed by a resource checks the resource for changes on every call. */
    private static <T> RedisScript<T> script(String name, Class<T> resultType) {
        try {
            String text = new ClassPathResource(name + ".lua", RedisIdempotencyStore.class)
                    .getContentAsString(StandardCharsets.UTF_8);
            return RedisScript.of(text, resultType);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read the " + name + " script", ex);
        }
    }
}

package dev.exactlyonce.idempotency.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
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
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisScriptingCommands;
import org.springframework.data.redis.connection.ReturnType;

/**
 * Idempotency records in Redis. Each transition is one Lua script, so it is atomic without
 * {@code WATCH} or locks; scripts use only commands Redis 6.2 has ({@code GET}, {@code SET} with
 * {@code PX}/{@code KEEPTTL}, {@code DEL}, {@code TIME}). Leases are compared against Redis's
 * {@code TIME} and records expire by {@code PX}, so no application clock is ever involved.
 *
 * <p>A record is one binary string (see the scripts for its layout), under the key
 * {@code <prefix><length of scope>:<scope>:<idempotency key>}; the length makes the scope/key split
 * unambiguous whatever characters either holds.
 *
 * <p>Scripts go straight to a connection of the factory ({@code EVALSHA}, then {@code EVAL} once
 * after Redis forgot them): {@code RedisTemplate} would add a reflective connection proxy to every
 * call, which costs more than the script itself.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

    /** The key prefix used when none is configured. */
    public static final String DEFAULT_KEY_PREFIX = "idem:";

    private static final Script CLAIM = Script.load("claim", ReturnType.MULTI);
    private static final Script RENEW = Script.load("renew", ReturnType.INTEGER);
    private static final Script COMPLETE = Script.load("complete", ReturnType.INTEGER);
    private static final Script RELEASE = Script.load("release", ReturnType.INTEGER);

    private final RedisConnectionFactory connectionFactory;
    private final String keyPrefix;

    public RedisIdempotencyStore(RedisConnectionFactory connectionFactory, String keyPrefix) {
        this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    @Override
    public ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner, Duration lease,
            Duration retention) {
        List<?> reply = (List<?>) run("claim", id, CLAIM, fingerprint.bytes(), owner.bytes(), millis(lease),
                millis(retention));
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
        return one(run("renew", id, RENEW, owner.bytes(), millis(lease)));
    }

    @Override
    public boolean complete(RecordId id, OwnerToken owner, StoredResponse response, Duration retention) {
        return one(run("complete", id, COMPLETE, owner.bytes(), SnapshotCodec.encode(response), millis(retention)));
    }

    @Override
    public boolean release(RecordId id, OwnerToken owner) {
        return one(run("release", id, RELEASE, owner.bytes()));
    }

    /** The Redis key of a record; public so that operators and tests can inspect it. */
    public String redisKey(RecordId id) {
        return keyPrefix + id.scope().length() + ':' + id.scope() + ':' + id.key().value();
    }

    private Object run(String transition, RecordId id, Script script, byte[]... args) {
        byte[][] keyAndArgs = new byte[args.length + 1][];
        keyAndArgs[0] = redisKey(id).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(args, 0, keyAndArgs, 1, args.length);
        Object reply;
        try (RedisConnection connection = connectionFactory.getConnection()) {
            RedisScriptingCommands scripting = connection.scriptingCommands();
            try {
                reply = scripting.evalSha(script.sha1(), script.returnType(), 1, keyAndArgs);
            } catch (RuntimeException ex) {
                if (!noScript(ex)) {
                    throw ex;
                }
                // Redis restarted or flushed its script cache: send the script itself once.
                reply = scripting.eval(script.text(), script.returnType(), 1, keyAndArgs);
            }
        } catch (RuntimeException ex) {
            throw new IdempotencyStoreException("Redis failed to " + transition + " " + id, ex);
        }
        if (reply == null) {
            throw new IdempotencyStoreException("Redis gave no reply to " + transition + " of " + id, null);
        }
        return reply;
    }

    private static boolean one(Object reply) {
        return ((Number) reply).longValue() == 1L;
    }

    private static boolean noScript(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] millis(Duration duration) {
        return Long.toString(duration.toMillis()).getBytes(StandardCharsets.US_ASCII);
    }

    /** A Lua script read once from the classpath, with its SHA-1 for {@code EVALSHA}. */
    private record Script(byte[] text, String sha1, ReturnType returnType) {

        static Script load(String name, ReturnType returnType) {
            try {
                byte[] text = new ClassPathResource(name + ".lua", RedisIdempotencyStore.class).getContentAsByteArray();
                return new Script(text, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text)),
                        returnType);
            } catch (IOException ex) {
                throw new UncheckedIOException("Could not read the " + name + " script", ex);
            } catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("Every Java runtime has SHA-1", ex);
            }
        }
    }
}

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
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

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
import org.springframework.data.redis.connection.RedisPipelineException;
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
 *
 * <p>With a completion window, {@link #completeAsync} holds a completion back for at most that long, and
 * the next claim carries it in the same pipelined round trip: a fresh key then costs about one round
 * trip instead of two. Meanwhile the record stays PENDING under its lease, so a retry that reaches
 * another instance is told the key is in use; a retry that reaches this one is replayed, because its
 * claim sends the held completion first (see {@link HeldCompletions}).
 */
public final class RedisIdempotencyStore implements IdempotencyStore, AutoCloseable {

    /** The key prefix used when none is configured. */
    public static final String DEFAULT_KEY_PREFIX = "idem:";

    private static final Script CLAIM = Script.load("claim", ReturnType.MULTI);
    private static final Script RENEW = Script.load("renew", ReturnType.INTEGER);
    private static final Script COMPLETE = Script.load("complete", ReturnType.INTEGER);
    private static final Script RELEASE = Script.load("release", ReturnType.INTEGER);

    private final RedisConnectionFactory connectionFactory;
    private final String keyPrefix;
    private final HeldCompletions held;

    /** A store that writes every completion at once. */
    public RedisIdempotencyStore(RedisConnectionFactory connectionFactory, String keyPrefix) {
        this(connectionFactory, keyPrefix, Duration.ZERO);
    }

    /**
     * @param completionWindow how long {@link #completeAsync} may hold a completion back to share the
     *        next claim's round trip; zero writes each at once
     */
    public RedisIdempotencyStore(RedisConnectionFactory connectionFactory, String keyPrefix, Duration completionWindow) {
        this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (completionWindow.isNegative()) {
            throw new IllegalArgumentException("completionWindow must not be negative; got " + completionWindow);
        }
        this.held = completionWindow.isZero() ? null : new HeldCompletions(completionWindow, this::sendHeld);
    }

    @Override
    public ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner, Duration lease,
            Duration retention) {
        byte[][] claim = keyAndArgs(id, fingerprint.bytes(), owner.bytes(), millis(lease), millis(retention));
        List<?> reply = (List<?>) (held == null ? run("claim", id, CLAIM, claim) : claimCarryingHeld(id, claim));
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
        return one(run("renew", id, RENEW, keyAndArgs(id, owner.bytes(), millis(lease))));
    }

    @Override
    public boolean complete(RecordId id, OwnerToken owner, StoredResponse response, Duration retention) {
        return one(run("complete", id, COMPLETE, completeArgs(id, owner, response, retention)));
    }

    @Override
    public CompletionStage<Boolean> completeAsync(RecordId id, OwnerToken owner, StoredResponse response,
            Duration retention) {
        if (held == null) {
            return IdempotencyStore.super.completeAsync(id, owner, response, retention);
        }
        return held.hold(id, completeArgs(id, owner, response, retention));
    }

    @Override
    public boolean release(RecordId id, OwnerToken owner) {
        return one(run("release", id, RELEASE, keyAndArgs(id, owner.bytes())));
    }

    /** Writes the completions still held back; the store keeps working, writing each at once. */
    @Override
    public void close() {
        if (held != null) {
            held.close();
        }
    }

    /** The Redis key of a record; public so that operators and tests can inspect it. */
    public String redisKey(RecordId id) {
        return keyPrefix + id.scope().length() + ':' + id.scope() + ':' + id.key().value();
    }

    private byte[][] completeArgs(RecordId id, OwnerToken owner, StoredResponse response, Duration retention) {
        return keyAndArgs(id, owner.bytes(), SnapshotCodec.encode(response), millis(retention));
    }

    private byte[][] keyAndArgs(RecordId id, byte[]... args) {
        byte[][] keyAndArgs = new byte[args.length + 1][];
        keyAndArgs[0] = redisKey(id).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(args, 0, keyAndArgs, 1, args.length);
        return keyAndArgs;
    }

    private Object run(String transition, RecordId id, Script script, byte[][] keyAndArgs) {
        Object reply;
        try (RedisConnection connection = connectionFactory.getConnection()) {
            reply = evalSha(connection.scriptingCommands(), script, keyAndArgs);
        } catch (RuntimeException ex) {
            throw new IdempotencyStoreException("Redis failed to " + transition + " " + id, ex);
        }
        if (reply == null) {
            throw new IdempotencyStoreException("Redis gave no reply to " + transition + " of " + id, null);
        }
        return reply;
    }

    private static Object evalSha(RedisScriptingCommands scripting, Script script, byte[][] keyAndArgs) {
        try {
            return scripting.evalSha(script.sha1(), script.returnType(), 1, keyAndArgs);
        } catch (RuntimeException ex) {
            if (!noScript(ex)) {
                throw ex;
            }
            // Redis restarted or flushed its script cache: send the script itself once.
            return scripting.eval(script.text(), script.returnType(), 1, keyAndArgs);
        }
    }

    /** The claim, after every held completion, in one pipelined round trip. */
    private Object claimCarryingHeld(RecordId id, byte[][] claim) {
        List<HeldCompletions.Completion> carried = held.takeWaiting();
        held.awaitOtherSender(id, carried);
        if (carried.isEmpty()) {
            return run("claim", id, CLAIM, claim);
        }
        List<Object> replies;
        try {
            replies = pipeline(carried, claim);
        } catch (RuntimeException ex) {
            IdempotencyStoreException failure = new IdempotencyStoreException("Redis failed to claim " + id, ex);
            carried.forEach(completion -> held.fail(completion, failure));
            throw failure;
        }
        settle(carried, replies);
        Object reply = replies.get(carried.size());
        if (reply == null || reply instanceof Throwable) {
            throw new IdempotencyStoreException("Redis failed to claim " + id,
                    reply instanceof Throwable failure ? failure : null);
        }
        return reply;
    }

    /** Writes completions that no claim carried within the window. */
    private void sendHeld(List<HeldCompletions.Completion> completions) {
        List<Object> replies;
        try {
            replies = pipeline(completions, null);
        } catch (RuntimeException ex) {
            IdempotencyStoreException failure = new IdempotencyStoreException(
                    "Redis failed to complete " + completions.size() + " held records", ex);
            completions.forEach(completion -> held.fail(completion, failure));
            return;
        }
        settle(completions, replies);
    }

    private void settle(List<HeldCompletions.Completion> completions, List<Object> replies) {
        for (int i = 0; i < completions.size(); i++) {
            HeldCompletions.Completion completion = completions.get(i);
            Object reply = replies.get(i);
            if (reply instanceof Number) {
                held.settle(completion, one(reply));
            } else {
                held.fail(completion, new IdempotencyStoreException("Redis failed to complete " + completion.id(),
                        reply instanceof Throwable failure ? failure : null));
            }
        }
    }

    /**
     * Completions, then optionally a claim, in one round trip; a reply per call, in order, where a failed
     * call's reply is its exception. The calls carry the scripts' text ({@code EVAL}), because clients
     * do not all say which calls of a pipeline failed when Redis has forgotten a script: this way none
     * can fail for that reason, for a few hundred bytes more on the wire.
     */
    private List<Object> pipeline(List<HeldCompletions.Completion> completions, byte[][] claim) {
        List<Object> replies;
        try (RedisConnection connection = connectionFactory.getConnection()) {
            RedisScriptingCommands scripting = connection.scriptingCommands();
            connection.openPipeline();
            for (HeldCompletions.Completion completion : completions) {
                scripting.eval(COMPLETE.text(), COMPLETE.returnType(), 1, completion.keyAndArgs());
            }
            if (claim != null) {
                scripting.eval(CLAIM.text(), CLAIM.returnType(), 1, claim);
            }
            try {
                replies = connection.closePipeline();
            } catch (RedisPipelineException ex) {
                replies = ex.getPipelineResult();
            }
        }
        int expected = completions.size() + (claim == null ? 0 : 1);
        if (replies == null || replies.size() != expected) {
            throw new IllegalStateException("Redis answered " + (replies == null ? 0 : replies.size()) + " of "
                    + expected + " pipelined calls");
        }
        return replies;
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
                // Without its comment lines: pipelined calls send the text itself.
                String source = new ClassPathResource(name + ".lua", RedisIdempotencyStore.class)
                        .getContentAsString(StandardCharsets.UTF_8);
                byte[] text = source.lines().filter(line -> !line.stripLeading().startsWith("--"))
                        .collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
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

package dev.exactlyonce.idempotency.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.exactlyonce.idempotency.ClaimResult;
import dev.exactlyonce.idempotency.IdempotencyObserver;
import dev.exactlyonce.idempotency.IdempotencyStore;
import dev.exactlyonce.idempotency.IdempotencyStoreException;
import dev.exactlyonce.idempotency.Ownership;
import dev.exactlyonce.idempotency.OwnerToken;
import dev.exactlyonce.idempotency.RecordId;
import dev.exactlyonce.idempotency.RequestFingerprint;
import dev.exactlyonce.idempotency.SequencedKey;
import dev.exactlyonce.idempotency.StoredResponse;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.ClusterSlotHashUtil;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisScriptingCommands;
import org.springframework.data.redis.connection.ReturnType;

/**
 * Idempotency records in Redis. Each transition is one Lua script, so it is atomic without
 * {@code WATCH} or locks; scripts use only commands Redis 6.2 has ({@code GET}, {@code SET} with
 * {@code PX}/{@code KEEPTTL}/{@code NX}, {@code DEL}, {@code TIME}). Renew, complete and release answer
 * 1, 2 or 3 for the caller's own record, another execution's, or none (see {@link Ownership}). Leases are compared against Redis's
 * {@code TIME} and records expire by {@code PX}, so no application clock is ever involved.
 *
 * <p>A record is one binary string (its layout is in {@code record.lua}), under the key
 * {@code <prefix>{<length of scope>:<scope>:<idempotency key>}}; the length makes the scope/key split
 * unambiguous whatever characters either holds. The braces are a Redis Cluster hash tag: a cluster places the key
 * by the text between them only, so that what one script touches lives in one slot (see below). A key prefix
 * must therefore hold no brace itself.
 *
 * <p>Scripts go straight to a connection of the factory ({@code EVALSHA}, then {@code EVAL} once
 * after Redis forgot them): {@code RedisTemplate} would add a reflective connection proxy to every
 * call, which costs more than the script itself.
 *
 * <p>With a completion window, {@link #completeAsync} holds a completion back for at most that long, and
 * the next claim carries it: one script call completes the held records and then claims, so a fresh key
 * costs about one round trip instead of two. Meanwhile the record stays PENDING under its lease, so a
 * retry that reaches another instance is told the key is in use; a retry that reaches this one is
 * replayed, because its claim completes the held record first (see {@link HeldCompletions}). On a Redis
 * Cluster a script may only touch keys of one slot, so a claim there carries only the held completions of its
 * own slot (a session's previous key, whose record shares the session's hash tag, or the key's own, for a retry);
 * the timer writes the rest, one script per slot.
 *
 * <p>A claim of a {@link SequencedKey} also applies the request's acknowledgement to the session's watermark,
 * under {@code <prefix>ack:{<length of scope>:<scope>:<session>}}, in the same script: it raises the watermark
 * and deletes the session's records below it, then refuses a key below it. A sequenced record's key is
 * {@code <prefix>{<length of scope>:<scope>:<session>}.<sequence>}: the whole session shares one hash tag with
 * its watermark, so the keys the script computes and deletes are in the slot of the keys it is given, which a
 * Redis Cluster allows as well as a standalone or Sentinel Redis.
 */
public final class RedisIdempotencyStore implements IdempotencyStore, AutoCloseable {

    /** The key prefix used when none is configured. */
    public static final String DEFAULT_KEY_PREFIX = "idem:";

    // Each .lua file defines functions; a script is record.lua (the record's layout), the files it needs and one
    // entry that calls them. owned.lua defines the ownership check that renew, complete and release share.
    private static final Script CLAIM = Script.load(ReturnType.MULTI, "return claim(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])",
            "claim");
    private static final Script CLAIM_SEQUENCED = Script.load(ReturnType.MULTI,
            "return claimSequenced(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])",
            "claim", "acknowledge", "claim-sequenced");
    private static final Script COMPLETE = Script.load(ReturnType.INTEGER,
            "return complete(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])", "owned", "complete");
    /** How many bytes of a fingerprint a record keeps, unless it is written in the earlier layout. */
    private static final int COMPACT_FINGERPRINT = 16;
    /** Arguments of one completion besides its key: owner, fingerprint, snapshot, retention. */
    private static final int COMPLETE_ARGS = 4;
    private static final Script CLAIM_CARRYING = Script.load(ReturnType.MULTI, """
            local held = #KEYS - 1
            local base = 4 * held
            return append(completeHeld(held), claim(KEYS[held + 1], ARGV[base + 1], ARGV[base + 2], ARGV[base + 3],
                ARGV[base + 4]))""", "owned", "complete", "claim", "claim-carrying");
    private static final Script CLAIM_SEQUENCED_CARRYING = Script.load(ReturnType.MULTI, """
            local held = #KEYS - 2
            local base = 4 * held
            return append(completeHeld(held), claimSequenced(KEYS[held + 1], KEYS[held + 2], ARGV[base + 1],
                ARGV[base + 2], ARGV[base + 3], ARGV[base + 4], ARGV[base + 5], ARGV[base + 6], ARGV[base + 7]))""",
            "owned", "complete", "claim", "acknowledge", "claim-sequenced", "claim-carrying");
    private static final Script COMPLETE_HELD = Script.load(ReturnType.MULTI, "return completeHeld(#KEYS)", "owned",
            "complete", "claim-carrying");
    private static final Script RENEW = Script.load(ReturnType.INTEGER, "", "owned", "renew");
    private static final Script RELEASE = Script.load(ReturnType.INTEGER, "", "owned", "release");

    private final RedisConnectionFactory connectionFactory;
    private final String keyPrefix;
    private final HeldCompletions held;
    private final IdempotencyObserver observer;
    /** Whether records are written so that earlier versions read them (see {@code record.lua}). */
    private final boolean earlierLayout;
    /** Whether the factory's connections are Redis Cluster connections; {@code null} until one was opened. */
    private volatile Boolean cluster;

    /** A store that writes every completion at once. */
    public RedisIdempotencyStore(RedisConnectionFactory connectionFactory, String keyPrefix) {
        this(connectionFactory, keyPrefix, Duration.ZERO);
    }

    public RedisIdempotencyStore(RedisConnectionFactory connectionFactory, String keyPrefix, Duration completionWindow) {
        this(connectionFactory, keyPrefix, completionWindow, IdempotencyObserver.NONE);
    }

    /** A store that writes records in this version's layout. */
    public RedisIdempotencyStore(RedisConnectionFactory connectionFactory, String keyPrefix, Duration completionWindow,
            IdempotencyObserver observer) {
        this(connectionFactory, keyPrefix, completionWindow, observer, false);
    }

    /**
     * @param completionWindow how long {@link #completeAsync} may hold a completion back to share the
     *        next claim's round trip; zero writes each at once
     * @param observer hears what each client's acknowledgement discarded
     * @param earlierLayout write records the way earlier builds did (whole fingerprint, snapshots deflated without
     *        the dictionary), which they can read and this one reads too: for a rolling upgrade from such a build,
     *        until no instance of it is left. Builds from before the keys' Redis Cluster hash tags name records
     *        differently, so neither finds the other's records at all (see README)
     */
    public RedisIdempotencyStore(RedisConnectionFactory connectionFactory, String keyPrefix, Duration completionWindow,
            IdempotencyObserver observer, boolean earlierLayout) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.earlierLayout = earlierLayout;
        this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("A key prefix must not contain '{' or '}': the store puts each record's "
                    + "Redis Cluster hash tag after the prefix, and a brace in it would move every record to the "
                    + "prefix's one slot or split a session across slots; got " + keyPrefix);
        }
        if (completionWindow.isNegative()) {
            throw new IllegalArgumentException("completionWindow must not be negative; got " + completionWindow);
        }
        this.held = completionWindow.isZero() ? null : new HeldCompletions(completionWindow, this::sendHeld);
    }

    @Override
    public ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner, Duration lease,
            Duration retention, long acknowledged) {
        SequencedKey sequenced = SequencedKey.of(id.key()).orElse(null);
        ClaimCall call = sequenced == null
                ? new ClaimCall(CLAIM, CLAIM_CARRYING, 1, keyAndArgs(recordKey(id, null), stored(fingerprint),
                        owner.bytes(), millis(lease), millis(retention)))
                : new ClaimCall(CLAIM_SEQUENCED, CLAIM_SEQUENCED_CARRYING, 2, sequencedKeysAndArgs(id, sequenced,
                        stored(fingerprint), owner.bytes(), millis(lease), millis(retention), acknowledged));
        List<?> reply = held == null ? (List<?>) run("claim", id, call.script(), call.keys(), call.keysAndArgs())
                : claimCarryingHeld(id, call);
        if (sequenced != null) {
            long watermark = ((Number) reply.get(0)).longValue();
            observer.acknowledgementApplied(sequenced, watermark, ((Number) reply.get(1)).longValue());
            if (((Number) reply.get(2)).intValue() == 6) {
                return new ClaimResult.BelowWatermark(watermark);
            }
            reply = reply.subList(2, reply.size());
        }
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
    public Ownership renew(RecordId id, OwnerToken owner, Duration lease) {
        return ownership(run("renew", id, RENEW, 1, keyAndArgs(id, owner.bytes(), millis(lease))));
    }

    @Override
    public Ownership complete(RecordId id, OwnerToken owner, RequestFingerprint fingerprint, StoredResponse response,
            Duration retention) {
        return ownership(run("complete", id, COMPLETE, 1, completeArgs(id, owner, fingerprint, response, retention)));
    }

    @Override
    public CompletionStage<Ownership> completeAsync(RecordId id, OwnerToken owner, RequestFingerprint fingerprint,
            StoredResponse response, Duration retention) {
        if (held == null) {
            return IdempotencyStore.super.completeAsync(id, owner, fingerprint, response, retention);
        }
        byte[][] keyAndArgs = completeArgs(id, owner, fingerprint, response, retention);
        // The claim before it asked whether Redis is a cluster; only there does a completion's slot matter.
        int slot = Boolean.TRUE.equals(cluster) ? ClusterSlotHashUtil.calculateSlot(keyAndArgs[0]) : 0;
        return held.hold(id, keyAndArgs, slot);
    }

    @Override
    public Ownership release(RecordId id, OwnerToken owner) {
        return ownership(run("release", id, RELEASE, 1, keyAndArgs(id, owner.bytes())));
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
        return recordKey(id, SequencedKey.of(id.key()).orElse(null));
    }

    /** {@link #redisKey} for a key already parsed: {@code sequenced} is {@code null} for an opaque key. */
    private String recordKey(RecordId id, SequencedKey sequenced) {
        return sequenced == null ? keyPrefix + '{' + scoped(id, id.key().value()) + '}'
                : sessionPrefix(id, sequenced) + sequenced.sequence();
    }

    /** The key of a sequenced key's session watermark; public so that operators and tests can inspect it. */
    public String watermarkKey(RecordId id, SequencedKey sequenced) {
        return keyPrefix + "ack:{" + scoped(id, sequenced.session()) + '}';
    }

    /** What the keys of a session's records start with: the prefix and the session's hash tag. */
    private String sessionPrefix(RecordId id, SequencedKey sequenced) {
        return keyPrefix + '{' + scoped(id, sequenced.session()) + "}.";
    }

    private static String scoped(RecordId id, String name) {
        return id.scope().length() + ":" + id.scope() + ':' + name;
    }

    /**
     * The keys and arguments of a sequenced claim: the record and its session's watermark, then the claim's
     * arguments, the prefix shared by the session's record keys, the sequence and the acknowledgement. The
     * watermark's key starts with a letter after the prefix, a record's with a brace, so they never meet.
     */
    private byte[][] sequencedKeysAndArgs(RecordId id, SequencedKey sequenced, byte[] fingerprint, byte[] owner,
            byte[] lease, byte[] retention, long acknowledged) {
        String session = sessionPrefix(id, sequenced);
        return new byte[][] { bytes(session + sequenced.sequence()), bytes(watermarkKey(id, sequenced)), fingerprint,
                owner, lease, retention, bytes(session), bytes(Long.toString(sequenced.sequence())),
                bytes(Long.toString(acknowledged)) };
    }

    private byte[][] completeArgs(RecordId id, OwnerToken owner, RequestFingerprint fingerprint, StoredResponse response,
            Duration retention) {
        return keyAndArgs(id, owner.bytes(), stored(fingerprint), SnapshotCodec.encode(response, !earlierLayout),
                millis(retention));
    }

    /** The part of a fingerprint a record keeps: its first 16 bytes, or all 32 in the earlier layout. */
    private byte[] stored(RequestFingerprint fingerprint) {
        return earlierLayout ? fingerprint.bytes() : Arrays.copyOf(fingerprint.bytes(), COMPACT_FINGERPRINT);
    }

    private byte[][] keyAndArgs(RecordId id, byte[]... args) {
        return keyAndArgs(redisKey(id), args);
    }

    private static byte[][] keyAndArgs(String key, byte[]... args) {
        byte[][] keyAndArgs = new byte[args.length + 1][];
        keyAndArgs[0] = bytes(key);
        System.arraycopy(args, 0, keyAndArgs, 1, args.length);
        return keyAndArgs;
    }

    private Object run(String transition, RecordId id, Script script, int keys, byte[][] keysAndArgs) {
        Object reply;
        try (RedisConnection connection = connectionFactory.getConnection()) {
            RedisScriptingCommands scripting = connection.scriptingCommands();
            try {
                reply = scripting.evalSha(script.sha1(), script.returnType(), keys, keysAndArgs);
            } catch (RuntimeException ex) {
                if (!noScript(ex)) {
                    throw ex;
                }
                // Redis restarted or flushed its script cache: send the script itself once.
                reply = scripting.eval(script.text(), script.returnType(), keys, keysAndArgs);
            }
        } catch (RuntimeException ex) {
            throw new IdempotencyStoreException("Redis failed to " + transition + " " + id, ex);
        }
        if (reply == null) {
            throw new IdempotencyStoreException("Redis gave no reply to " + transition + " of " + id, null);
        }
        return reply;
    }

    /**
     * Completes the held records, then claims, in one script call: every held record on a standalone or Sentinel
     * Redis, those in the claim's slot on a cluster.
     */
    private List<?> claimCarryingHeld(RecordId id, ClaimCall claim) {
        List<HeldCompletions.Completion> carried;
        if (onCluster("claim", id)) {
            int slot = ClusterSlotHashUtil.calculateSlot(claim.keysAndArgs()[0]);
            carried = held.takeWaiting(completion -> completion.slot() == slot);
        } else {
            carried = held.takeWaiting();
        }
        held.awaitOtherSender(id, carried);
        if (carried.isEmpty()) {
            return (List<?>) run("claim", id, claim.script(), claim.keys(), claim.keysAndArgs());
        }
        return runCarrying("claim", id, claim.carrying(), carried, claim.keys(), claim.keysAndArgs());
    }

    /**
     * Writes the completions that no claim carried within the window: all in one script call, or on a cluster one
     * call per slot.
     */
    private void sendHeld(List<HeldCompletions.Completion> completions) {
        Map<Integer, List<HeldCompletions.Completion>> batches;
        try {
            batches = onCluster("complete", completions.get(0).id())
                    ? completions.stream().collect(Collectors.groupingBy(HeldCompletions.Completion::slot,
                            LinkedHashMap::new, Collectors.toList()))
                    : Map.of(0, completions);
        } catch (IdempotencyStoreException ex) {
            completions.forEach(completion -> held.fail(completion, ex));
            return;
        }
        for (List<HeldCompletions.Completion> batch : batches.values()) {
            try {
                runCarrying("complete", batch.get(0).id(), COMPLETE_HELD, batch, 0, new byte[0][]);
            } catch (IdempotencyStoreException ex) {
                // runCarrying has failed the batch's completions; the other batches are written all the same.
            }
        }
    }

    /**
     * Runs {@code script} with the held completions' keys before its own {@code keys}, and their arguments before
     * its own, then settles each completion with its answer, which leads the reply; returns the rest of the reply.
     * When Redis fails, every carried completion fails with it.
     */
    private List<?> runCarrying(String transition, RecordId id, Script script, List<HeldCompletions.Completion> carried,
            int keys, byte[][] keysAndArgs) {
        int count = carried.size();
        byte[][] all = new byte[count * (1 + COMPLETE_ARGS) + keysAndArgs.length][];
        for (int i = 0; i < count; i++) {
            byte[][] completion = carried.get(i).keyAndArgs();
            all[i] = completion[0];
            System.arraycopy(completion, 1, all, count + keys + COMPLETE_ARGS * i, COMPLETE_ARGS);
        }
        System.arraycopy(keysAndArgs, 0, all, count, keys);
        System.arraycopy(keysAndArgs, keys, all, count * (1 + COMPLETE_ARGS) + keys, keysAndArgs.length - keys);
        List<?> reply;
        try {
            reply = (List<?>) run(transition, id, script, count + keys, all);
        } catch (IdempotencyStoreException ex) {
            carried.forEach(completion -> held.fail(completion, ex));
            throw ex;
        }
        for (int i = 0; i < count; i++) {
            held.settle(carried.get(i), ownership(reply.get(i)));
        }
        return reply.subList(count, reply.size());
    }

    /**
     * Whether Redis is a cluster, learnt from the first connection: the factory's configuration is not part of its
     * interface, and a store built while Redis is down must still start.
     */
    private boolean onCluster(String transition, RecordId id) {
        Boolean known = cluster;
        if (known == null) {
            try (RedisConnection connection = connectionFactory.getConnection()) {
                known = connection instanceof RedisClusterConnection;
            } catch (RuntimeException ex) {
                throw new IdempotencyStoreException("Redis failed to " + transition + " " + id, ex);
            }
            cluster = known;
        }
        return known;
    }

    /** The scripts' common answer: 1 the caller's record, 2 another execution's, 3 none. */
    private static Ownership ownership(Object reply) {
        long code = ((Number) reply).longValue();
        if (code == 1L) {
            return Ownership.OWNED;
        }
        if (code == 2L) {
            return Ownership.TAKEN_OVER;
        }
        if (code == 3L) {
            return Ownership.VANISHED;
        }
        throw new IdempotencyStoreException("Unexpected reply " + reply + " from Redis", null);
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
        return bytes(Long.toString(duration.toMillis()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One claim's script, alone or carrying held completions, with its keys (the record, and for a sequenced key
     * its session's watermark) followed by its arguments.
     */
    private record ClaimCall(Script script, Script carrying, int keys, byte[][] keysAndArgs) {
    }

    /** A Lua script put together once from classpath files, with its SHA-1 for {@code EVALSHA}. */
    private record Script(byte[] text, String sha1, ReturnType returnType) {

        static Script load(ReturnType returnType, String entry, String... files) {
            StringBuilder source = new StringBuilder();
            for (String file : Stream.concat(Stream.of("record"), Arrays.stream(files)).toList()) {
                try {
                    source.append(new ClassPathResource(file + ".lua", RedisIdempotencyStore.class)
                            .getContentAsString(StandardCharsets.UTF_8)).append('\n');
                } catch (IOException ex) {
                    throw new UncheckedIOException("Could not read the " + file + " script", ex);
                }
            }
            byte[] text = source.append(entry).toString().getBytes(StandardCharsets.UTF_8);
            try {
                return new Script(text, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text)),
                        returnType);
            } catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("Every Java runtime has SHA-1", ex);
            }
        }
    }
}

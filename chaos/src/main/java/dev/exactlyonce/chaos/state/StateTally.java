package dev.exactlyonce.chaos.state;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.exactlyonce.chaos.state.RedisKeys.Kind;
import dev.exactlyonce.chaos.state.RedisKeys.Parsed;
import dev.exactlyonce.chaos.state.ServerState.KeySpace;
import dev.exactlyonce.chaos.state.ServerState.Session;
import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.SequencedKey;

/** Adds up what the servers hold, key by key and row by row, into a {@link ServerState}. */
final class StateTally {

    private final Map<Kind, KeySpace> keySpaces = new EnumMap<>(Kind.class);

    private final Map<SessionId, long[]> sessions = new HashMap<>();

    private static final int WATERMARK = 0;

    private static final int HIGHEST_SEQUENCE = 1;

    private static final int REDIS_RECORDS = 2;

    private static final int REDIS_BYTES = 3;

    private static final int FENCE_ROWS = 4;

    private static final int JOURNAL_OPERATIONS = 5;

    private record SessionId(String client, String session) {
    }

    /** One Redis key and its {@code MEMORY USAGE}. */
    StateTally redisKey(String key, long bytes) {
        Parsed parsed = RedisKeys.parse(key);
        keySpaces.put(parsed.kind(), keySpace(parsed.kind()).plus(bytes));
        switch (parsed.kind()) {
            case RECORD -> parsed.session().ifPresent(session -> {
                long[] figures = session(parsed.principal(), session);
                figures[REDIS_RECORDS]++;
                figures[REDIS_BYTES] += bytes;
            });
            case WATERMARK -> session(parsed.principal(), parsed.name());
            case OTHER -> {
                // counted above; no session to add it to
            }
        }
        return this;
    }

    /** {@code count} fence rows of a client's session. */
    StateTally fenceRows(String client, String session, long count) {
        session(client, session)[FENCE_ROWS] += count;
        return this;
    }

    /** The bank's watermark of a client's session. */
    StateTally watermark(String client, String session, long watermark) {
        long[] figures = session(client, session);
        figures[WATERMARK] = Math.max(figures[WATERMARK], watermark);
        return this;
    }

    /** A journal row client-app sent under {@code bankKey}; an opaque key belongs to no session. */
    StateTally journalKey(String username, String bankKey) {
        if (IdempotencyKey.isValid(bankKey)) {
            SequencedKey.of(new IdempotencyKey(bankKey)).ifPresent(key -> {
                long[] figures = session(username, key.session());
                figures[JOURNAL_OPERATIONS]++;
                figures[HIGHEST_SEQUENCE] = Math.max(figures[HIGHEST_SEQUENCE], key.sequence());
            });
        }
        return this;
    }

    /** The keys of one kind and the bytes they take. */
    KeySpace keySpace(Kind kind) {
        return keySpaces.getOrDefault(kind, KeySpace.EMPTY);
    }

    List<Session> sessions() {
        List<Session> list = new ArrayList<>(sessions.size());
        sessions.forEach((id, f) -> list.add(new Session(id.client(), id.session(), f[WATERMARK], f[HIGHEST_SEQUENCE],
                f[REDIS_RECORDS], f[REDIS_BYTES], f[FENCE_ROWS], f[JOURNAL_OPERATIONS])));
        return list;
    }

    private long[] session(String client, String session) {
        return sessions.computeIfAbsent(new SessionId(client, session), id -> new long[6]);
    }
}

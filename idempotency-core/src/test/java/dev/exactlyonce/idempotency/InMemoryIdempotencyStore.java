package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The store's state machine in memory, on a clock the test moves, for tests of the decision logic
 * only. It follows the same transition table as the Redis scripts; {@link IdempotencyStoreContract}
 * runs the same cases against both.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final Map<RecordId, Entry> records = new HashMap<>();
    private final Map<List<String>, Watermark> watermarks = new HashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private long now;

    /** Moves the store's clock forward. */
    public synchronized void advance(Duration duration) {
        now += duration.toMillis();
    }

    /** Makes every call fail as if the store could not be reached, or lets them through again. */
    public void down(boolean down) {
        this.down.set(down);
    }

    /** Forgets every record, as when Redis is flushed. */
    public synchronized void flush() {
        records.clear();
        watermarks.clear();
    }

    @Override
    public synchronized ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner,
            Duration lease, Duration retention, long acknowledged) {
        reachable();
        SequencedKey sequenced = SequencedKey.of(id.key()).orElse(null);
        if (sequenced != null) {
            long watermark = acknowledge(id.scope(), sequenced.session(), acknowledged, retention);
            if (sequenced.sequence() < watermark) {
                return new ClaimResult.BelowWatermark(watermark);
            }
        }
        Entry entry = live(id);
        Entry pending = new Entry(fingerprint, owner, now + lease.toMillis(), null, now + retention.toMillis(), false);
        if (entry == null) {
            records.put(id, pending);
            return new ClaimResult.Claimed(false);
        }
        if (!entry.fingerprint.equals(fingerprint)) {
            return new ClaimResult.FingerprintMismatch();
        }
        if (entry.response != null) {
            return new ClaimResult.Completed(entry.response);
        }
        if (entry.leaseEnd > now) {
            return new ClaimResult.InProgress(Duration.ofMillis(entry.leaseEnd - now));
        }
        records.put(id, pending);
        return new ClaimResult.Claimed(true);
    }

    @Override
    public synchronized Ownership renew(RecordId id, OwnerToken owner, Duration lease) {
        reachable();
        Entry entry = live(id);
        Ownership found = ownership(entry, owner);
        if (found.owned()) {
            records.put(id, new Entry(entry.fingerprint, owner, now + lease.toMillis(), null, entry.expiresAt,
                    entry.acknowledged));
        }
        return found;
    }

    @Override
    public synchronized Ownership complete(RecordId id, OwnerToken owner, RequestFingerprint fingerprint,
            StoredResponse response, Duration retention) {
        reachable();
        Entry entry = live(id);
        Ownership found = ownership(entry, owner);
        if (found.owned() && entry.acknowledged) {
            // The client acknowledged the reply while this execution was still pending: nothing to keep.
            records.remove(id);
        } else if (found != Ownership.TAKEN_OVER) {
            // The record's own fingerprint when it is still there; the caller's when it vanished.
            RequestFingerprint kept = entry == null ? fingerprint : entry.fingerprint;
            records.put(id, new Entry(kept, null, 0, response, now + retention.toMillis(), false));
        }
        return found;
    }

    @Override
    public synchronized Ownership release(RecordId id, OwnerToken owner) {
        reachable();
        Ownership found = ownership(live(id), owner);
        if (found.owned()) {
            records.remove(id);
        }
        return found;
    }

    /** Raises the session's watermark to {@code acknowledged}, never lowering it; deletes the records below. */
    private long acknowledge(String scope, String session, long acknowledged, Duration retention) {
        List<String> sessionId = List.of(scope, session);
        Watermark current = watermarks.get(sessionId);
        long watermark = current == null || current.expiresAt <= now ? 0 : current.value;
        if (acknowledged > watermark) {
            watermark = acknowledged;
            // A completed record below the watermark goes; a pending one is marked, so that its completion
            // stores nothing (as the Redis scripts do).
            records.replaceAll((id, entry) -> belowIn(id, scope, session, acknowledged) && entry.response == null
                    ? new Entry(entry.fingerprint, entry.owner, entry.leaseEnd, null, entry.expiresAt, true)
                    : entry);
            records.entrySet().removeIf(record -> belowIn(record.getKey(), scope, session, acknowledged)
                    && record.getValue().response != null);
        }
        watermarks.put(sessionId, new Watermark(watermark, now + retention.toMillis()));
        return watermark;
    }

    private static boolean belowIn(RecordId id, String scope, String session, long watermark) {
        return id.scope().equals(scope) && SequencedKey.of(id.key())
                .filter(key -> key.session().equals(session) && key.sequence() < watermark).isPresent();
    }

    /** Whether a live record (PENDING or COMPLETED) exists for {@code id}. */
    public synchronized boolean holds(RecordId id) {
        return live(id) != null;
    }

    private static Ownership ownership(Entry entry, OwnerToken owner) {
        if (entry == null) {
            return Ownership.VANISHED;
        }
        return entry.response == null && entry.owner.equals(owner) ? Ownership.OWNED : Ownership.TAKEN_OVER;
    }

    private Entry live(RecordId id) {
        Entry entry = records.get(id);
        if (entry != null && entry.expiresAt <= now) {
            records.remove(id);
            return null;
        }
        return entry;
    }

    private void reachable() {
        if (down.get()) {
            throw new IdempotencyStoreException("The in-memory store is down", null);
        }
    }

    private record Watermark(long value, long expiresAt) {
    }

    /** A record; {@code acknowledged} when its client acknowledged the reply while it was still pending. */
    private record Entry(RequestFingerprint fingerprint, OwnerToken owner, long leaseEnd, StoredResponse response,
            long expiresAt, boolean acknowledged) {
    }
}

package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The store's state machine in memory, on a clock the test moves, for tests of the decision logic
 * only. It follows the same transition table as the Redis scripts; {@link IdempotencyStoreContract}
 * runs the same cases against both.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final Map<RecordId, Entry> records = new HashMap<>();
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
    }

    @Override
    public synchronized ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner,
            Duration lease, Duration retention) {
        reachable();
        Entry entry = live(id);
        Entry pending = new Entry(fingerprint, owner, now + lease.toMillis(), null, now + retention.toMillis());
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
    public synchronized boolean renew(RecordId id, OwnerToken owner, Duration lease) {
        reachable();
        Entry entry = held(id, owner);
        if (entry == null) {
            return false;
        }
        records.put(id, new Entry(entry.fingerprint, owner, now + lease.toMillis(), null, entry.expiresAt));
        return true;
    }

    @Override
    public synchronized boolean complete(RecordId id, OwnerToken owner, StoredResponse response, Duration retention) {
        reachable();
        Entry entry = held(id, owner);
        if (entry == null) {
            return false;
        }
        records.put(id, new Entry(entry.fingerprint, null, 0, response, now + retention.toMillis()));
        return true;
    }

    @Override
    public synchronized boolean release(RecordId id, OwnerToken owner) {
        reachable();
        if (held(id, owner) == null) {
            return false;
        }
        records.remove(id);
        return true;
    }

    private Entry held(RecordId id, OwnerToken owner) {
        Entry entry = live(id);
        return entry != null && entry.response == null && entry.owner.equals(owner) ? entry : null;
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

    private record Entry(RequestFingerprint fingerprint, OwnerToken owner, long leaseEnd, StoredResponse response,
            long expiresAt) {
    }
}

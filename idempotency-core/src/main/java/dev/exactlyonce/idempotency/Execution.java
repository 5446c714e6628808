package dev.exactlyonce.idempotency;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a request's handler while its record is PENDING under this execution's owner token.
 * A heartbeat renews the lease until the execution ends by {@link #complete}, {@link #release} or
 * {@link #releaseRefusal}; {@link #close} releases it if none of them happened, so no path leaves a live
 * heartbeat behind.
 *
 * <p>How long the execution took, from its claim until the store has taken its end, feeds the
 * {@code Retry-After} hint that a concurrent request with the same key receives. A completion held back
 * by the store (a completion window) is measured until it is written, because only then can another
 * instance see it.
 */
public final class Execution implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private final RecordId id;
    private final OwnerToken owner;
    private final RequestFingerprint fingerprint;
    private final boolean takeover;
    private final IdempotencyStore store;
    private final IdempotencyPolicy policy;
    private final IdempotencyObserver observer;
    private final ExecutionTimes times;
    private final long claimedAt = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile LeaseHeartbeat.Beat beat;

    Execution(RecordId id, OwnerToken owner, RequestFingerprint fingerprint, boolean takeover, IdempotencyStore store,
            IdempotencyPolicy policy, IdempotencyObserver observer, ExecutionTimes times) {
        this.id = id;
        this.owner = owner;
        this.fingerprint = fingerprint;
        this.takeover = takeover;
        this.store = store;
        this.policy = policy;
        this.observer = observer;
        this.times = times;
    }

    /** Starts renewing the lease; a separate step so the heartbeat never sees a half-built execution. */
    Execution startHeartbeat(LeaseHeartbeat heartbeat) {
        beat = heartbeat.start(this::renew, policy.heartbeat());
        return this;
    }

    public RecordId id() {
        return id;
    }

    /** Whether this execution took the key over from an earlier one whose lease had expired. */
    public boolean takeover() {
        return takeover;
    }

    /**
     * Stores the response for replay.
     *
     * @return what the store found: {@link Ownership#OWNED} (stored), {@link Ownership#TAKEN_OVER} (another
     *         execution holds the key; not stored) or {@link Ownership#VANISHED} (the record was gone; the
     *         response was written back)
     * @throws IdempotencyStoreException when the store failed; the record then stays PENDING until its
     *         lease expires, and a retry takes it over
     */
    public Ownership complete(StoredResponse response) {
        end();
        Ownership found;
        try {
            found = store.complete(id, owner, fingerprint, response, policy.retention());
        } catch (IdempotencyStoreException ex) {
            observer.executionEnded(IdempotencyObserver.Ending.FAILED);
            throw ex;
        }
        recordCompletion(response, found);
        return found;
    }

    /**
     * Stores the response for replay without waiting for the store (see
     * {@link IdempotencyStore#completeAsync}). The outcome is logged and counted when it is known; a
     * failure leaves the record PENDING until its lease expires, and a retry then takes it over.
     */
    public CompletionStage<Ownership> completeAsync(StoredResponse response) {
        end();
        CompletionStage<Ownership> stored = store.completeAsync(id, owner, fingerprint, response, policy.retention());
        return stored.whenComplete((found, failure) -> {
            if (failure == null) {
                recordCompletion(response, found);
            } else {
                observer.executionEnded(IdempotencyObserver.Ending.FAILED);
                log.warn("Could not store the response for {}; a retry takes it over once its lease expires", id,
                        failure);
            }
        });
    }

    private void recordCompletion(StoredResponse response, Ownership found) {
        switch (found) {
            case OWNED -> {
                measured();
                observer.executionEnded(IdempotencyObserver.Ending.STORED);
                observer.responseStored(size(response));
                log.debug("Stored response {} for {}", response.status(), id);
            }
            case VANISHED -> {
                measured();
                observer.executionEnded(IdempotencyObserver.Ending.VANISHED);
                observer.responseStored(size(response));
                log.warn("Idempotency record {} vanished while its first execution ran (store flushed or restarted?); "
                        + "its response was written back, so a retry replays it; the application's own fence decides "
                        + "any execution that began meanwhile", id);
            }
            case TAKEN_OVER -> {
                observer.executionEnded(IdempotencyObserver.Ending.TAKEN_OVER);
                log.warn("Idempotency record {} was taken over while its first execution ran; its response was not "
                        + "stored", id);
            }
        }
    }

    /**
     * Forgets the record so that a retry runs the handler again: the handler failed, or its answer
     * cannot be stored.
     *
     * @return what the store found; only {@link Ownership#OWNED} removed anything
     * @throws IdempotencyStoreException when the store failed; the lease then expires on its own
     */
    public Ownership release() {
        return release(IdempotencyObserver.Ending.RELEASED);
    }

    /**
     * Forgets the record because the handler refused the request before the operation started (a
     * validation, authorization or not-found answer), so that a corrected request may reuse the key.
     *
     * @return what the store found; only {@link Ownership#OWNED} removed anything
     * @throws IdempotencyStoreException when the store failed; the lease then expires on its own
     */
    public Ownership releaseRefusal() {
        return release(IdempotencyObserver.Ending.REFUSED);
    }

    private Ownership release(IdempotencyObserver.Ending ending) {
        end();
        Ownership found;
        try {
            found = store.release(id, owner);
        } catch (IdempotencyStoreException ex) {
            observer.executionEnded(IdempotencyObserver.Ending.FAILED);
            throw ex;
        }
        observer.executionEnded(ending);
        measured();
        switch (found) {
            case OWNED -> log.debug("Released {}", id);
            case TAKEN_OVER -> log.debug("Did not release {}: another execution had taken it over", id);
            case VANISHED -> log.debug("Did not release {}: its record had vanished (store flushed or restarted?)", id);
        }
        return found;
    }

    /** Releases the record unless the execution was completed or released already. */
    @Override
    public void close() {
        if (!ended.get()) {
            try {
                release();
            } catch (IdempotencyStoreException ex) {
                log.warn("Could not release {}; its lease expires on its own", id, ex);
            }
        }
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            throw new IllegalStateException("The execution of " + id + " has ended already");
        }
        stopHeartbeat();
    }

    private void measured() {
        times.record(System.nanoTime() - claimedAt);
    }

    private void stopHeartbeat() {
        LeaseHeartbeat.Beat running = beat;
        if (running != null) {
            running.cancel();
        }
    }

    private void renew() {
        if (ended.get()) {
            return;
        }
        try {
            switch (store.renew(id, owner, policy.lease())) {
                case OWNED -> observer.leaseRenewal(IdempotencyObserver.Renewal.RENEWED);
                case TAKEN_OVER -> {
                    observer.leaseRenewal(IdempotencyObserver.Renewal.LOST);
                    log.warn("Lost the lease on {} to another execution; the application's own fence decides", id);
                    stopHeartbeat();
                }
                case VANISHED -> {
                    observer.leaseRenewal(IdempotencyObserver.Renewal.VANISHED);
                    log.warn("Record of {} vanished while its first execution ran (store flushed or restarted?); "
                            + "nothing guards the key until the execution ends; the application's own fence decides",
                            id);
                    stopHeartbeat();
                }
            }
        } catch (RuntimeException ex) {
            observer.leaseRenewal(IdempotencyObserver.Renewal.FAILED);
            log.warn("Could not renew the lease on {}", id, ex);
        }
    }

    private static int size(StoredResponse response) {
        int size = 2 + response.bodyLength();
        for (StoredResponse.Header header : response.headers()) {
            size += header.name().length() + header.value().length();
        }
        return size;
    }
}

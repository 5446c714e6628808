package dev.exactlyonce.idempotency;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a request's handler while its record is PENDING under this execution's owner token.
 * A heartbeat renews the lease until the execution ends by {@link #complete} or {@link #release};
 * {@link #close} releases it if neither happened, so no path leaves a live heartbeat behind.
 */
public final class Execution implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private final RecordId id;
    private final OwnerToken owner;
    private final boolean takeover;
    private final IdempotencyStore store;
    private final IdempotencyPolicy policy;
    private final IdempotencyObserver observer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile LeaseHeartbeat.Beat beat;

    Execution(RecordId id, OwnerToken owner, boolean takeover, IdempotencyStore store, IdempotencyPolicy policy,
            IdempotencyObserver observer) {
        this.id = id;
        this.owner = owner;
        this.takeover = takeover;
        this.store = store;
        this.policy = policy;
        this.observer = observer;
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
     * @return whether it was stored; {@code false} when this execution had lost its lease to another
     * @throws IdempotencyStoreException when the store failed; the record then stays PENDING until its
     *         lease expires, and a retry takes it over
     */
    public boolean complete(StoredResponse response) {
        end();
        boolean stored = store.complete(id, owner, response, policy.retention());
        recordCompletion(response, stored);
        return stored;
    }

    /**
     * Stores the response for replay without waiting for the store (see
     * {@link IdempotencyStore#completeAsync}). The outcome is logged and counted when it is known; a
     * failure leaves the record PENDING until its lease expires, and a retry then takes it over.
     */
    public CompletionStage<Boolean> completeAsync(StoredResponse response) {
        end();
        return store.completeAsync(id, owner, response, policy.retention()).whenComplete((stored, failure) -> {
            if (failure == null) {
                recordCompletion(response, stored);
            } else {
                log.warn("Could not store the response for {}; a retry takes it over once its lease expires", id,
                        failure);
            }
        });
    }

    private void recordCompletion(StoredResponse response, boolean stored) {
        if (stored) {
            observer.responseStored(size(response));
            log.debug("Stored response {} for {}", response.status(), id);
        } else {
            log.warn("Idempotency record {} was taken over while its first execution ran; its response was not stored", id);
        }
    }

    /**
     * Forgets the record so that a retry runs the handler again.
     *
     * @return whether the record was released; {@code false} when this execution had lost its lease
     * @throws IdempotencyStoreException when the store failed; the lease then expires on its own
     */
    public boolean release() {
        end();
        boolean released = store.release(id, owner);
        log.debug("Released {} ({})", id, released ? "released" : "already taken over");
        return released;
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
            if (store.renew(id, owner, policy.lease())) {
                observer.leaseRenewal(IdempotencyObserver.Renewal.RENEWED);
            } else {
                observer.leaseRenewal(IdempotencyObserver.Renewal.LOST);
                log.warn("Lost the lease on {} to another execution; the application's own fence decides", id);
                stopHeartbeat();
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

package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for each request that carries an Idempotency-Key, whether its handler runs, its stored
 * response is replayed, or it is refused; independent of HTTP servers and of the store behind it.
 *
 * <p>When waiting is configured, a request that finds the key PENDING asks again every poll interval
 * until the first execution completes (its response is replayed), is released or loses its lease (this
 * request runs), or the wait runs out (409). Each look is one atomic claim, so a waiter can never run
 * alongside the first execution.
 *
 * <p>A 409 carries a {@code Retry-After} from how long executions in this process have recently taken
 * (see {@link ExecutionTimes}), capped by the holder's remaining lease: the first attempt usually ends
 * within milliseconds, and a client told to wait out the whole lease would wait for nothing.
 */
public final class IdempotencyProcessor {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyProcessor.class);

    private final IdempotencyStore store;
    private final IdempotencyPolicy policy;
    private final LeaseHeartbeat heartbeat;
    private final IdempotencyObserver observer;
    private final ExecutionTimes times = new ExecutionTimes();

    public IdempotencyProcessor(IdempotencyStore store, IdempotencyPolicy policy, LeaseHeartbeat heartbeat,
            IdempotencyObserver observer) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public IdempotencyPolicy policy() {
        return policy;
    }

    /**
     * Claims the record for this request or says why it may not run.
     *
     * @throws IdempotencyStoreException when the store cannot be asked; the request must not run
     */
    public Decision begin(RecordId id, RequestFingerprint fingerprint) {
        return begin(id, fingerprint, 0);
    }

    /**
     * Claims the record for this request, after applying the client's acknowledgement to the key's session
     * (see {@link KeyField}), or says why it may not run.
     *
     * @throws IdempotencyStoreException when the store cannot be asked; the request must not run
     */
    public Decision begin(RecordId id, RequestFingerprint fingerprint, long acknowledged) {
        OwnerToken owner = OwnerToken.next();
        long deadline = System.nanoTime() + policy.waitTimeout().toNanos();
        while (true) {
            ClaimResult claim = claim(id, fingerprint, owner, acknowledged);
            if (claim instanceof ClaimResult.Claimed claimed) {
                answered(id, claimed.takeover() ? RequestOutcome.TAKEOVER : RequestOutcome.EXECUTED);
                if (claimed.takeover()) {
                    log.info("Took over {} after its earlier execution's lease expired", id);
                }
                Execution execution = new Execution(id, owner, fingerprint, claimed.takeover(), store, policy, observer,
                        times);
                return new Decision.Execute(execution.startHeartbeat(heartbeat));
            }
            if (claim instanceof ClaimResult.Completed completed) {
                answered(id, RequestOutcome.REPLAYED);
                return new Decision.Replay(completed.response());
            }
            if (claim instanceof ClaimResult.FingerprintMismatch) {
                answered(id, RequestOutcome.MISMATCH);
                return new Decision.Mismatch();
            }
            if (claim instanceof ClaimResult.BelowWatermark below) {
                answered(id, RequestOutcome.BELOW_WATERMARK);
                return new Decision.BelowWatermark(below.watermark());
            }
            Duration leaseRemaining = ((ClaimResult.InProgress) claim).leaseRemaining();
            long waitLeft = deadline - System.nanoTime();
            if (waitLeft <= 0 || !pause(Math.min(waitLeft, policy.pollInterval().toNanos()))) {
                answered(id, RequestOutcome.CONFLICT);
                return new Decision.Conflict(times.retryAfter(leaseRemaining));
            }
        }
    }

    /**
     * How long executions in this process have recently taken, the basis of the 409's
     * {@code Retry-After}; one second before the first has ended.
     */
    public Duration executionEstimate() {
        return times.estimate();
    }

    private ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner, long acknowledged) {
        try {
            return store.claim(id, fingerprint, owner, policy.lease(), policy.retention(), acknowledged);
        } catch (IdempotencyStoreException ex) {
            answered(id, RequestOutcome.STORE_ERROR);
            throw ex;
        }
    }

    private void answered(RecordId id, RequestOutcome outcome) {
        log.debug("Idempotency-Key {}: {}", id, outcome.tag());
        observer.requestAnswered(id, outcome);
    }

    private static boolean pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package dev.exactlyonce.idempotency;

/**
 * Hears what the state machine does, for metrics. Called on request threads and on the heartbeat
 * thread, so implementations must be thread-safe and quick.
 */
public interface IdempotencyObserver {

    /** An observer that ignores everything. */
    IdempotencyObserver NONE = new IdempotencyObserver() {
    };

    /**
     * A request was answered.
     *
     * @param id the record, or {@code null} when the request was rejected before it had one
     */
    default void requestAnswered(RecordId id, Outcome outcome) {
    }

    /** A heartbeat tried to renew a lease. */
    default void leaseRenewal(Renewal result) {
    }

    /**
     * A response was stored for replay.
     *
     * @param bytes the snapshot's size: status, header names and values, and body
     */
    default void responseStored(int bytes) {
    }

    /** What became of one lease renewal. */
    enum Renewal {

        /** The lease was extended. */
        RENEWED,

        /** Another execution had taken the record over; the heartbeat stops. */
        LOST,

        /** The store failed; the heartbeat tries again at the next beat. */
        FAILED
    }
}

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
    default void requestAnswered(RecordId id, RequestOutcome outcome) {
    }

    /** A heartbeat tried to renew a lease. */
    default void leaseRenewal(Renewal result) {
    }

    /** An execution ended: its response was stored, its record released, or the store disagreed. */
    default void executionEnded(Ending ending) {
    }

    /**
     * A response was stored for replay.
     *
     * @param bytes the snapshot's size: status, header names and values, and body
     */
    default void responseStored(int bytes) {
    }

    /**
     * A request with a {@link SequencedKey} reached the store, which applied its session's acknowledgement.
     *
     * @param key the request's place in its session
     * @param watermark the session's watermark after the acknowledgement: every sequence below it is acknowledged
     * @param discarded how many records this acknowledgement deleted
     */
    default void acknowledgementApplied(SequencedKey key, long watermark, long discarded) {
    }

    /** What became of one lease renewal. */
    enum Renewal {

        /** The lease was extended. */
        RENEWED,

        /** Another execution had taken the record over; the heartbeat stops. */
        LOST,

        /** The record was gone (the store was flushed or restarted); the heartbeat stops. */
        VANISHED,

        /** The store failed; the heartbeat tries again at the next beat. */
        FAILED
    }

    /** How one execution ended; each execution ends exactly one way. */
    enum Ending {

        /** The response was stored for replay. */
        STORED,

        /**
         * The handler refused the request before the operation started (an unstored status such as 400
         * or 404): the record was released, so a corrected request may reuse the key.
         */
        REFUSED,

        /**
         * The handler failed (5xx, threw) or its answer could not be stored (sent through the container,
         * over the size cap): the record was released, so a retry runs again.
         */
        RELEASED,

        /** Another execution had taken the record over; the response was not stored. */
        TAKEN_OVER,

        /**
         * The record was gone when the response was to be stored (the store was flushed or restarted);
         * the response was written back as a new COMPLETED record.
         */
        VANISHED,

        /**
         * The store failed to take the response or the release; the record stays PENDING until its lease
         * lapses, and then the next attempt takes it over.
         */
        FAILED
    }
}

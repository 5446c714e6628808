package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.Objects;

/** What the store answered to a request that wants to run under a key. */
public sealed interface ClaimResult {

    /**
     * The record is now PENDING and owned by the caller, who must run the request and then complete or
     * release the record.
     *
     * @param takeover whether the record was PENDING under an earlier owner whose lease had expired
     */
    record Claimed(boolean takeover) implements ClaimResult {
    }

    /**
     * Another execution holds the record and its lease is still running.
     *
     * @param leaseRemaining how long the holder's lease runs at most, by the store's clock
     */
    record InProgress(Duration leaseRemaining) implements ClaimResult {

        public InProgress {
            Objects.requireNonNull(leaseRemaining, "leaseRemaining");
        }
    }

    /**
     * The request completed earlier; its response is to be replayed.
     *
     * @param response the stored snapshot
     */
    record Completed(StoredResponse response) implements ClaimResult {

        public Completed {
            Objects.requireNonNull(response, "response");
        }
    }

    /** The key was used for a request with another fingerprint (method, target or body). */
    record FingerprintMismatch() implements ClaimResult {
    }

    /**
     * The key is a {@link SequencedKey} below its session's watermark: the client acknowledged its reply, which
     * was discarded. Nothing was stored.
     *
     * @param watermark every sequence below it is acknowledged
     */
    record BelowWatermark(long watermark) implements ClaimResult {
    }
}

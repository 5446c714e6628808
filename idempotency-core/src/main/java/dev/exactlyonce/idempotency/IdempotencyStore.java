package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where idempotency records live. Every method is one atomic transition of one record; lease and
 * retention are measured by the store's own clock, never by comparing two machines' clocks.
 *
 * <p>A record is absent, PENDING (fingerprint, owner token, lease end) or COMPLETED (fingerprint,
 * response snapshot). The transitions:
 * <pre>
 * absent         --claim--------------------------&gt; PENDING(owner)        Claimed(takeover=false)
 * PENDING        --claim, lease expired-----------&gt; PENDING(new owner)    Claimed(takeover=true)
 * PENDING        --claim, lease running-----------&gt; unchanged             InProgress
 * COMPLETED      --claim--------------------------&gt; unchanged             Completed
 * any            --claim, other fingerprint-------&gt; unchanged             FingerprintMismatch
 * PENDING(owner) --renew(owner)-------------------&gt; lease extended        OWNED
 * PENDING(owner) --complete(owner)----------------&gt; COMPLETED             OWNED
 * PENDING(owner) --release(owner)-----------------&gt; absent                OWNED
 * PENDING(other) or COMPLETED --renew, complete, release--&gt; unchanged    TAKEN_OVER
 * absent         --renew, release-----------------&gt; unchanged             VANISHED
 * absent         --complete-----------------------&gt; COMPLETED             VANISHED
 * </pre>
 * A COMPLETED record is kept for the retention given to complete.
 *
 * <p>Records of a {@link SequencedKey} also belong to their session, which has a watermark: the highest
 * acknowledgement any of its requests carried (see {@link KeyField}). A claim first raises the watermark to its
 * acknowledgement, never lowering it, and deletes the session's COMPLETED records below the new watermark (a
 * PENDING one is deleted by its own completion, which then stores nothing: its reply went out already); then
 * a key below the watermark is answered {@link ClaimResult.BelowWatermark} and nothing is written for it. Both steps
 * are one atomic transition with the claim. The watermark is kept for the retention from the session's latest
 * claim, so it outlives every record of the session.
 * A renew, complete or release that does not present the current owner's token changes nothing and
 * answers {@link Ownership#TAKEN_OVER}: that execution lost its lease to a takeover. One that finds no
 * record at all answers {@link Ownership#VANISHED}: the store lost the record (flushed, or restarted
 * without persistence). A complete then writes the response back, but only where nothing else has
 * claimed the key since, in the same atomic step: a retry then replays the answer instead of running the
 * operation a second time, and no newer claim is ever overwritten.
 *
 * <p>Every method throws {@link IdempotencyStoreException} when the store cannot be reached or fails;
 * callers then refuse to run the request rather than run it unprotected.
 */
public interface IdempotencyStore {

    /**
     * Claims the record for a new execution, or reports why the caller may not run.
     *
     * @param lease how long the claim holds without renewal
     * @param retention how long the record is kept at most; a PENDING record whose holder died is
     *        forgotten after it
     */
    default ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner, Duration lease,
            Duration retention) {
        return claim(id, fingerprint, owner, lease, retention, 0);
    }

    /**
     * Claims the record like {@link #claim(RecordId, RequestFingerprint, OwnerToken, Duration, Duration)}, after
     * applying the client's acknowledgement to the key's session when the key is a {@link SequencedKey}.
     *
     * @param acknowledged the request's acknowledgement ({@link KeyField#acknowledged()}); ignored for opaque keys
     */
    ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner, Duration lease, Duration retention,
            long acknowledged);

    /**
     * Extends the lease of a PENDING record to {@code lease} from now.
     *
     * @return {@link Ownership#OWNED} when {@code owner} still holds the record and the lease was
     *         extended; otherwise nothing changed
     */
    Ownership renew(RecordId id, OwnerToken owner, Duration lease);

    /**
     * Marks the record COMPLETED with the response to replay, kept for {@code retention} from now.
     *
     * @param fingerprint the request's fingerprint, written with the response when the record vanished
     * @return {@link Ownership#OWNED} when {@code owner} still held the record and it is now COMPLETED;
     *         {@link Ownership#TAKEN_OVER} when another execution holds it, and nothing was written;
     *         {@link Ownership#VANISHED} when there was no record, and the response was written as a new
     *         COMPLETED one
     */
    Ownership complete(RecordId id, OwnerToken owner, RequestFingerprint fingerprint, StoredResponse response,
            Duration retention);

    /**
     * Like {@link #complete}, but the caller need not wait: a store may hold the write back for a
     * moment to share a round trip with other calls. Until the write lands the record stays PENDING,
     * so a retry meanwhile is told the key is in use, never that it is free. This default writes at
     * once.
     *
     * @return completes with what {@link #complete} returns, or exceptionally with an
     *         {@link IdempotencyStoreException}
     */
    default CompletionStage<Ownership> completeAsync(RecordId id, OwnerToken owner, RequestFingerprint fingerprint,
            StoredResponse response, Duration retention) {
        try {
            return CompletableFuture.completedFuture(complete(id, owner, fingerprint, response, retention));
        } catch (IdempotencyStoreException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * Forgets a PENDING record so that the next attempt runs again.
     *
     * @return {@link Ownership#OWNED} when {@code owner} still held the record and it is gone now;
     *         otherwise nothing was removed
     */
    Ownership release(RecordId id, OwnerToken owner);
}

package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static dev.exactlyonce.idempotency.IdempotencyFixture.created;
import static dev.exactlyonce.idempotency.IdempotencyFixture.fingerprint;
import static dev.exactlyonce.idempotency.IdempotencyFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transition table of {@link IdempotencyStore}, run against every implementation, so the Redis
 * scripts and the in-memory model the unit tests rely on cannot drift apart.
 */
public abstract class IdempotencyStoreContract {

    protected static final Duration LEASE = Duration.ofMillis(400);
    protected static final Duration RETENTION = Duration.ofMinutes(5);

    protected abstract IdempotencyStore store();

    /** Lets more than {@code lease} pass by the store's clock. */
    protected abstract void leaseElapses(Duration lease);

    /** Makes the store lose every record, as a flush or a restart without persistence does. */
    protected abstract void storeLosesItsRecords();

    /** Whether the store holds a record for {@code id}, PENDING or COMPLETED. */
    protected abstract boolean holdsRecord(RecordId id);

    /** Claims {@code id} for a request with body {@code "a"}; the claim's owner token. */
    private OwnerToken claim(RecordId id) {
        OwnerToken owner = OwnerToken.next();
        assertThat(store().claim(id, fingerprint("a"), owner, LEASE, RETENTION))
                .isInstanceOf(ClaimResult.Claimed.class);
        return owner;
    }

    /** What the next request with the key and {@code body} finds: a claim by a new owner. */
    private ClaimResult nextRequest(RecordId id, String body) {
        return store().claim(id, fingerprint(body), OwnerToken.next(), LEASE, RETENTION);
    }

    /** Completes the record as {@code owner}, and the next request gets exactly that response back. */
    private void completeAndExpectReplay(RecordId id, OwnerToken owner, String body) {
        assertThat(store().complete(id, owner, fingerprint("a"), created(body), RETENTION)).isEqualTo(Ownership.OWNED);
        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Completed(created(body)));
    }

    private void renewAndReleaseFindNoRecordAndWriteNothing(RecordId id, OwnerToken owner) {
        assertThat(store().renew(id, owner, LEASE)).isEqualTo(Ownership.VANISHED);
        assertThat(store().release(id, owner)).isEqualTo(Ownership.VANISHED);
        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Claimed(false));
    }

    @Test
    void claimsAbsentRecord() {
        ClaimResult result = store().claim(newId("alice"), fingerprint("a"), OwnerToken.next(), LEASE, RETENTION);

        assertThat(result).isEqualTo(new ClaimResult.Claimed(false));
    }

    @Test
    void reportsRunningClaimAsInProgressWithLeaseLeft() {
        RecordId id = newId("alice");
        nextRequest(id, "a");

        ClaimResult second = nextRequest(id, "a");

        assertThat(second).isInstanceOf(ClaimResult.InProgress.class);
        Duration left = ((ClaimResult.InProgress) second).leaseRemaining();
        assertThat(left).isPositive().isLessThanOrEqualTo(LEASE);
    }

    @Test
    void replaysCompletedResponse() {
        RecordId id = newId("alice");
        OwnerToken owner = claim(id);

        completeAndExpectReplay(id, owner, "{\"id\":42}");
    }

    @Test
    void reportsDifferentFingerprintWhilePendingAndWhenCompleted() {
        RecordId id = newId("alice");
        OwnerToken owner = claim(id);

        assertThat(nextRequest(id, "b")).isEqualTo(new ClaimResult.FingerprintMismatch());
        store().complete(id, owner, fingerprint("a"), created("{}"), RETENTION);
        assertThat(nextRequest(id, "b")).isEqualTo(new ClaimResult.FingerprintMismatch());
    }

    @Test
    void keepsScopesApart() {
        IdempotencyKey key = new IdempotencyKey(UUID.randomUUID().toString());
        OwnerToken alice = OwnerToken.next();
        store().claim(new RecordId("alice", key), fingerprint("a"), alice, LEASE, RETENTION);
        store().complete(new RecordId("alice", key), alice, fingerprint("a"), created("alice's"), RETENTION);

        assertThat(store().claim(new RecordId("bob", key), fingerprint("b"), OwnerToken.next(), LEASE, RETENTION))
                .isEqualTo(new ClaimResult.Claimed(false));
    }

    @Test
    void keepsScopeAndKeyBoundaryUnambiguous() {
        OwnerToken owner = OwnerToken.next();
        store().claim(new RecordId("a:b", new IdempotencyKey("c")), fingerprint("x"), owner, LEASE, RETENTION);

        assertThat(store().claim(new RecordId("a", new IdempotencyKey("b:c")), fingerprint("y"), OwnerToken.next(),
                LEASE, RETENTION)).isEqualTo(new ClaimResult.Claimed(false));
    }

    @Test
    void releasedRecordCanBeClaimedAgain() {
        RecordId id = newId("alice");
        OwnerToken owner = claim(id);

        assertThat(store().release(id, owner)).isEqualTo(Ownership.OWNED);

        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Claimed(false));
    }

    @Test
    void takesOverAfterLeaseExpires() {
        RecordId id = newId("alice");
        nextRequest(id, "a");

        leaseElapses(LEASE);

        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Claimed(true));
    }

    @Test
    void fencesOwnerThatLostItsLease() {
        RecordId id = newId("alice");
        OwnerToken first = claim(id);
        leaseElapses(LEASE);
        OwnerToken second = claim(id);

        assertThat(store().renew(id, first, LEASE)).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(store().complete(id, first, fingerprint("a"), created("first"), RETENTION))
                .isEqualTo(Ownership.TAKEN_OVER);
        assertThat(store().release(id, first)).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(nextRequest(id, "a")).isInstanceOf(ClaimResult.InProgress.class);

        completeAndExpectReplay(id, second, "second");
    }

    @Test
    void renewalKeepsLeaseAlive() {
        RecordId id = newId("alice");
        OwnerToken owner = claim(id);

        assertThat(store().renew(id, owner, Duration.ofMinutes(1))).isEqualTo(Ownership.OWNED);
        leaseElapses(LEASE);

        assertThat(nextRequest(id, "a")).isInstanceOf(ClaimResult.InProgress.class);
    }

    @Test
    void completedRecordCannotBeRenewedCompletedOrReleasedAgain() {
        RecordId id = newId("alice");
        OwnerToken owner = claim(id);
        store().complete(id, owner, fingerprint("a"), created("once"), RETENTION);

        assertThat(store().renew(id, owner, LEASE)).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(store().complete(id, owner, fingerprint("a"), created("twice"), RETENTION))
                .isEqualTo(Ownership.TAKEN_OVER);
        assertThat(store().release(id, owner)).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Completed(created("once")));
    }

    @Test
    void unknownRecordCannotBeRenewedOrReleased() {
        renewAndReleaseFindNoRecordAndWriteNothing(newId("alice"), OwnerToken.next());
    }

    @Test
    void tellsAVanishedRecordFromATakeoverAndWritesNothingOnRenewOrRelease() {
        RecordId id = newId("alice");
        OwnerToken owner = claim(id);

        storeLosesItsRecords();

        renewAndReleaseFindNoRecordAndWriteNothing(id, owner);
    }

    @Test
    void completionOfAVanishedRecordWritesTheResponseBackForReplay() {
        RecordId id = newId("alice");
        OwnerToken owner = claim(id);
        storeLosesItsRecords();

        assertThat(store().complete(id, owner, fingerprint("a"), created("{\"id\":7}"), RETENTION))
                .isEqualTo(Ownership.VANISHED);

        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Completed(created("{\"id\":7}")));
        assertThat(nextRequest(id, "b")).isEqualTo(new ClaimResult.FingerprintMismatch());
    }

    @Test
    void completionOfAVanishedRecordNeverOverwritesAClaimMadeSince() {
        RecordId id = newId("alice");
        OwnerToken first = claim(id);
        storeLosesItsRecords();
        OwnerToken second = claim(id);

        assertThat(store().complete(id, first, fingerprint("a"), created("first"), RETENTION))
                .isEqualTo(Ownership.TAKEN_OVER);

        assertThat(nextRequest(id, "a")).isInstanceOf(ClaimResult.InProgress.class);
        completeAndExpectReplay(id, second, "second");
    }

    // Sequenced keys and the session's watermark (see SequencedKey, KeyField)

    /** A session no test has used, of client {@code alice}. */
    private static SessionKeys newSession() {
        return new SessionKeys("alice", "s" + UUID.randomUUID().toString().replace("-", ""));
    }

    private record SessionKeys(String scope, String session) {

        RecordId id(long sequence) {
            return new RecordId(scope, new SequencedKey(session, sequence).key());
        }
    }

    /** Claims and completes operation {@code sequence} of the session, acknowledging {@code acknowledged}. */
    private void runToCompletion(SessionKeys session, long sequence, long acknowledged) {
        OwnerToken owner = OwnerToken.next();
        assertThat(store().claim(session.id(sequence), fingerprint("a"), owner, LEASE, RETENTION, acknowledged))
                .isInstanceOf(ClaimResult.Claimed.class);
        assertThat(store().complete(session.id(sequence), owner, fingerprint("a"), created("{}"), RETENTION))
                .isEqualTo(Ownership.OWNED);
    }

    private ClaimResult retry(SessionKeys session, long sequence, long acknowledged) {
        return store().claim(session.id(sequence), fingerprint("a"), OwnerToken.next(), LEASE, RETENTION,
                acknowledged);
    }

    /** A retry of operation {@code sequence}, acknowledging {@code acknowledged}, gets its stored reply. */
    private void assertReplays(SessionKeys session, long sequence, long acknowledged) {
        assertThat(retry(session, sequence, acknowledged)).isEqualTo(new ClaimResult.Completed(created("{}")));
    }

    @Test
    void retryOfUnacknowledgedSequencedKeyReplays() {
        SessionKeys session = newSession();
        runToCompletion(session, 1, 0);
        runToCompletion(session, 2, 1);

        assertReplays(session, 2, 1);
        assertReplays(session, 1, 1);
    }

    @Test
    void acknowledgementDiscardsTheRecordsBelowItAndKeepsTheRest() {
        SessionKeys session = newSession();
        for (long sequence = 1; sequence <= 5; sequence++) {
            runToCompletion(session, sequence, 0);
        }

        runToCompletion(session, 6, 4);

        assertThat(holdsRecord(session.id(1))).isFalse();
        assertThat(holdsRecord(session.id(3))).isFalse();
        assertThat(holdsRecord(session.id(4))).isTrue();
        assertReplays(session, 5, 4);
    }

    @Test
    void keyBelowWatermarkIsRefusedAndNothingIsStoredForIt() {
        SessionKeys session = newSession();
        runToCompletion(session, 1, 0);
        runToCompletion(session, 2, 2);

        assertThat(retry(session, 1, 0)).isEqualTo(new ClaimResult.BelowWatermark(2));
        assertThat(holdsRecord(session.id(1))).isFalse();
        assertThat(store().claim(session.id(1), fingerprint("other"), OwnerToken.next(), LEASE, RETENTION, 2))
                .isEqualTo(new ClaimResult.BelowWatermark(2));
        assertThat(holdsRecord(session.id(1))).isFalse();
    }

    @Test
    void aPendingRecordAcknowledgedBeforeItsCompletionLeavesNothingBehind() {
        SessionKeys session = newSession();
        OwnerToken first = OwnerToken.next();
        store().claim(session.id(1), fingerprint("a"), first, LEASE, RETENTION, 0);

        // The reply went out before the record was completed (a held completion), and the client acknowledged it.
        runToCompletion(session, 2, 2);

        assertThat(store().renew(session.id(1), first, LEASE)).isEqualTo(Ownership.OWNED);
        assertThat(store().complete(session.id(1), first, fingerprint("a"), created("{}"), RETENTION))
                .isEqualTo(Ownership.OWNED);
        assertThat(holdsRecord(session.id(1))).isFalse();
        assertThat(retry(session, 1, 0)).isEqualTo(new ClaimResult.BelowWatermark(2));
    }

    @Test
    void staleLowerAcknowledgementNeverLowersTheWatermark() {
        SessionKeys session = newSession();
        runToCompletion(session, 9, 5);

        runToCompletion(session, 10, 3);

        assertThat(retry(session, 4, 0)).isEqualTo(new ClaimResult.BelowWatermark(5));
        assertThat(retry(session, 5, 0)).isInstanceOf(ClaimResult.Claimed.class);
    }

    @Test
    void concurrentAcknowledgementsEndAtTheHighest() throws Exception {
        SessionKeys session = newSession();
        List<Long> acknowledgements = new ArrayList<>();
        for (long ack = 1; ack <= 64; ack++) {
            acknowledgements.add(ack);
        }
        Collections.shuffle(acknowledgements, new Random(7));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<ClaimResult>> claims = new ArrayList<>();
            for (long ack : acknowledgements) {
                claims.add(senders.submit(() -> retry(session, 100 + ack, ack)));
            }
            for (Future<ClaimResult> claim : claims) {
                assertThat(claim.get(10, TimeUnit.SECONDS)).isInstanceOf(ClaimResult.Claimed.class);
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(retry(session, 63, 0)).isEqualTo(new ClaimResult.BelowWatermark(64));
    }

    @Test
    void watermarkBelongsToOneSessionOfOneClient() {
        SessionKeys alice = newSession();
        SessionKeys bob = new SessionKeys("bob", alice.session());
        SessionKeys alicesOther = newSession();
        runToCompletion(alice, 1, 0);
        runToCompletion(bob, 1, 0);
        runToCompletion(alicesOther, 1, 0);

        runToCompletion(alice, 2, 2);

        assertReplays(bob, 1, 0);
        assertReplays(alicesOther, 1, 0);
    }

    @Test
    void opaqueKeysIgnoreAcknowledgements() {
        RecordId opaque = new RecordId("alice", new IdempotencyKey("order-" + UUID.randomUUID()));
        OwnerToken owner = OwnerToken.next();
        assertThat(store().claim(opaque, fingerprint("a"), owner, LEASE, RETENTION, 99)).isEqualTo(new ClaimResult.Claimed(false));
        store().complete(opaque, owner, fingerprint("a"), created("{}"), RETENTION);

        assertThat(store().claim(opaque, fingerprint("a"), OwnerToken.next(), LEASE, RETENTION, 500))
                .isEqualTo(new ClaimResult.Completed(created("{}")));
    }
}

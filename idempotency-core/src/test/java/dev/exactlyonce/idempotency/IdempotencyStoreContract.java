package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.UUID;

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

    /** Claims {@code id} for a request with body {@code "a"}; the claim's owner token. */
    private OwnerToken claim(RecordId id) {
        OwnerToken owner = OwnerToken.random();
        assertThat(store().claim(id, fingerprint("a"), owner, LEASE, RETENTION))
                .isInstanceOf(ClaimResult.Claimed.class);
        return owner;
    }

    /** What the next request with the key and {@code body} finds: a claim by a new owner. */
    private ClaimResult nextRequest(RecordId id, String body) {
        return store().claim(id, fingerprint(body), OwnerToken.random(), LEASE, RETENTION);
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
        ClaimResult result = store().claim(newId("alice"), fingerprint("a"), OwnerToken.random(), LEASE, RETENTION);

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
        OwnerToken alice = OwnerToken.random();
        store().claim(new RecordId("alice", key), fingerprint("a"), alice, LEASE, RETENTION);
        store().complete(new RecordId("alice", key), alice, fingerprint("a"), created("alice's"), RETENTION);

        assertThat(store().claim(new RecordId("bob", key), fingerprint("b"), OwnerToken.random(), LEASE, RETENTION))
                .isEqualTo(new ClaimResult.Claimed(false));
    }

    @Test
    void keepsScopeAndKeyBoundaryUnambiguous() {
        OwnerToken owner = OwnerToken.random();
        store().claim(new RecordId("a:b", new IdempotencyKey("c")), fingerprint("x"), owner, LEASE, RETENTION);

        assertThat(store().claim(new RecordId("a", new IdempotencyKey("b:c")), fingerprint("y"), OwnerToken.random(),
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
        renewAndReleaseFindNoRecordAndWriteNothing(newId("alice"), OwnerToken.random());
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
}

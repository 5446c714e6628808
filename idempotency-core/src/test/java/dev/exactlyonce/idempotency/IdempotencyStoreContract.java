package dev.exactlyonce.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

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

    protected static RecordId newId(String scope) {
        return new RecordId(scope, new IdempotencyKey(UUID.randomUUID().toString()));
    }

    protected static RequestFingerprint fingerprint(String body) {
        return RequestFingerprint.of("POST", "/api/v1/accounts/1/debits", body.getBytes(StandardCharsets.UTF_8));
    }

    protected static StoredResponse created(String body) {
        return new StoredResponse(201, List.of(new StoredResponse.Header("Content-Type", "application/json"),
                new StoredResponse.Header("Location", "/api/v1/operations/42")), body.getBytes(StandardCharsets.UTF_8));
    }

    /** What the next request with the key and {@code body} finds: a claim by a new owner. */
    private ClaimResult nextRequest(RecordId id, String body) {
        return store().claim(id, fingerprint(body), OwnerToken.random(), LEASE, RETENTION);
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
        OwnerToken owner = OwnerToken.random();
        store().claim(id, fingerprint("a"), owner, LEASE, RETENTION);

        assertThat(store().complete(id, owner, fingerprint("a"), created("{\"id\":42}"), RETENTION))
                .isEqualTo(Ownership.OWNED);

        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Completed(created("{\"id\":42}")));
    }

    @Test
    void reportsDifferentFingerprintWhilePendingAndWhenCompleted() {
        RecordId id = newId("alice");
        OwnerToken owner = OwnerToken.random();
        store().claim(id, fingerprint("a"), owner, LEASE, RETENTION);

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
        OwnerToken owner = OwnerToken.random();
        store().claim(id, fingerprint("a"), owner, LEASE, RETENTION);

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
        OwnerToken first = OwnerToken.random();
        OwnerToken second = OwnerToken.random();
        store().claim(id, fingerprint("a"), first, LEASE, RETENTION);
        leaseElapses(LEASE);
        store().claim(id, fingerprint("a"), second, LEASE, RETENTION);

        assertThat(store().renew(id, first, LEASE)).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(store().complete(id, first, fingerprint("a"), created("first"), RETENTION))
                .isEqualTo(Ownership.TAKEN_OVER);
        assertThat(store().release(id, first)).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(nextRequest(id, "a")).isInstanceOf(ClaimResult.InProgress.class);

        assertThat(store().complete(id, second, fingerprint("a"), created("second"), RETENTION))
                .isEqualTo(Ownership.OWNED);
        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Completed(created("second")));
    }

    @Test
    void renewalKeepsLeaseAlive() {
        RecordId id = newId("alice");
        OwnerToken owner = OwnerToken.random();
        store().claim(id, fingerprint("a"), owner, LEASE, RETENTION);

        assertThat(store().renew(id, owner, Duration.ofMinutes(1))).isEqualTo(Ownership.OWNED);
        leaseElapses(LEASE);

        assertThat(nextRequest(id, "a")).isInstanceOf(ClaimResult.InProgress.class);
    }

    @Test
    void completedRecordCannotBeRenewedCompletedOrReleasedAgain() {
        RecordId id = newId("alice");
        OwnerToken owner = OwnerToken.random();
        store().claim(id, fingerprint("a"), owner, LEASE, RETENTION);
        store().complete(id, owner, fingerprint("a"), created("once"), RETENTION);

        assertThat(store().renew(id, owner, LEASE)).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(store().complete(id, owner, fingerprint("a"), created("twice"), RETENTION))
                .isEqualTo(Ownership.TAKEN_OVER);
        assertThat(store().release(id, owner)).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Completed(created("once")));
    }

    @Test
    void unknownRecordCannotBeRenewedOrReleased() {
        RecordId id = newId("alice");
        OwnerToken owner = OwnerToken.random();

        assertThat(store().renew(id, owner, LEASE)).isEqualTo(Ownership.VANISHED);
        assertThat(store().release(id, owner)).isEqualTo(Ownership.VANISHED);
        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Claimed(false));
    }

    @Test
    void tellsAVanishedRecordFromATakeoverAndWritesNothingOnRenewOrRelease() {
        RecordId id = newId("alice");
        OwnerToken owner = OwnerToken.random();
        store().claim(id, fingerprint("a"), owner, LEASE, RETENTION);

        storeLosesItsRecords();

        assertThat(store().renew(id, owner, LEASE)).isEqualTo(Ownership.VANISHED);
        assertThat(store().release(id, owner)).isEqualTo(Ownership.VANISHED);
        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Claimed(false));
    }

    @Test
    void completionOfAVanishedRecordWritesTheResponseBackForReplay() {
        RecordId id = newId("alice");
        OwnerToken owner = OwnerToken.random();
        store().claim(id, fingerprint("a"), owner, LEASE, RETENTION);
        storeLosesItsRecords();

        assertThat(store().complete(id, owner, fingerprint("a"), created("{\"id\":7}"), RETENTION))
                .isEqualTo(Ownership.VANISHED);

        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Completed(created("{\"id\":7}")));
        assertThat(nextRequest(id, "b")).isEqualTo(new ClaimResult.FingerprintMismatch());
    }

    @Test
    void completionOfAVanishedRecordNeverOverwritesAClaimMadeSince() {
        RecordId id = newId("alice");
        OwnerToken first = OwnerToken.random();
        OwnerToken second = OwnerToken.random();
        store().claim(id, fingerprint("a"), first, LEASE, RETENTION);
        storeLosesItsRecords();
        assertThat(store().claim(id, fingerprint("a"), second, LEASE, RETENTION))
                .isEqualTo(new ClaimResult.Claimed(false));

        assertThat(store().complete(id, first, fingerprint("a"), created("first"), RETENTION))
                .isEqualTo(Ownership.TAKEN_OVER);

        assertThat(nextRequest(id, "a")).isInstanceOf(ClaimResult.InProgress.class);
        assertThat(store().complete(id, second, fingerprint("a"), created("second"), RETENTION))
                .isEqualTo(Ownership.OWNED);
        assertThat(nextRequest(id, "a")).isEqualTo(new ClaimResult.Completed(created("second")));
    }
}

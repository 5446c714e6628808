package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.exactlyonce.idempotency.IdempotencyFixture.created;
import static dev.exactlyonce.idempotency.IdempotencyFixture.debit;
import static dev.exactlyonce.idempotency.IdempotencyFixture.execute;
import static dev.exactlyonce.idempotency.IdempotencyFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class IdempotencyProcessorTests {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration RETENTION = Duration.ofHours(24);

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final RecordingObserver observer = new RecordingObserver();
    private final LeaseHeartbeat heartbeat = new LeaseHeartbeat(1, Duration.ofMillis(5));

    @AfterEach
    void stopHeartbeat() {
        heartbeat.close();
    }

    private IdempotencyProcessor processor(IdempotencyPolicy policy) {
        return new IdempotencyProcessor(store, policy, heartbeat, observer);
    }

    private IdempotencyProcessor processor() {
        return processor(IdempotencyPolicy.of(LEASE, RETENTION));
    }

    private static IdempotencyPolicy waiting(Duration timeout) {
        return new IdempotencyPolicy(LEASE, LEASE.dividedBy(3), RETENTION, timeout, Duration.ofMillis(10));
    }

    /**
     * Lets the heartbeat beat ten times, however slowly this machine runs: starts another execution and waits
     * for ten of its renewals. The heartbeat here has one thread, so each of them is a moment at which no other
     * renewal is under way and after which any renewal still registered would have been due.
     */
    private void tenBeatsPass(IdempotencyProcessor processor, CountingStore counting) {
        RecordId clock = newId("the clock");
        execute(processor.begin(clock, debit(1)));
        await().atMost(5, TimeUnit.SECONDS).until(() -> counting.renewalsOf(clock) >= 10);
    }

    /** A first execution of a key in wait mode, and a retry on another thread that is waiting for it to end. */
    private FirstAndRetry retryWaitingForTheFirst() throws InterruptedException {
        IdempotencyProcessor processor = processor(waiting(Duration.ofSeconds(5)));
        RecordId id = newId();
        Execution first = execute(processor.begin(id, debit(10)));
        CompletableFuture<Decision> retry = CompletableFuture.supplyAsync(() -> processor.begin(id, debit(10)));
        Thread.sleep(100);
        assertThat(retry).as("the retry waits while the first execution runs").isNotDone();
        return new FirstAndRetry(first, retry);
    }

    private record FirstAndRetry(Execution first, CompletableFuture<Decision> retry) {
    }

    /** A processor on {@code on} whose executions renew their 300 ms lease every 20 ms. */
    private IdempotencyProcessor renewingEvery20Millis(IdempotencyStore on) {
        return new IdempotencyProcessor(on, new IdempotencyPolicy(Duration.ofMillis(300), Duration.ofMillis(20),
                RETENTION, Duration.ZERO, Duration.ofMillis(10)), heartbeat, observer);
    }

    @Test
    void completesWithoutWaitingAndCountsTheStoredResponse() {
        IdempotencyProcessor processor = processor();
        RecordId id = newId();

        CompletionStage<Ownership> stored = execute(processor.begin(id, debit(10)))
                .completeAsync(created("{\"op\":1}"));

        assertThat(stored.toCompletableFuture()).isCompletedWithValue(Ownership.OWNED);
        assertThat(observer.endings).containsExactly(IdempotencyObserver.Ending.STORED);
        assertThat(observer.stored).hasSize(1);
        assertThat(processor.begin(id, debit(10))).isEqualTo(new Decision.Replay(created("{\"op\":1}")));
    }

    @Test
    void failedAsyncCompletionLeavesTheKeyInUseUntilItsLeaseLapses() {
        IdempotencyStore failingCompletes = new CountingStore(store) {
            @Override
            public Ownership complete(RecordId id, OwnerToken owner, RequestFingerprint fingerprint,
                    StoredResponse response, Duration retention) {
                throw new IdempotencyStoreException("Redis went away", null);
            }
        };
        IdempotencyProcessor processor = new IdempotencyProcessor(failingCompletes,
                IdempotencyPolicy.of(LEASE, RETENTION), heartbeat, observer);
        RecordId id = newId();

        CompletionStage<Ownership> stored = execute(processor.begin(id, debit(10))).completeAsync(created("{}"));

        assertThat(stored.toCompletableFuture()).isCompletedExceptionally();
        assertThat(observer.endings).containsExactly(IdempotencyObserver.Ending.FAILED);
        assertThat(observer.stored).isEmpty();
        assertThat(processor.begin(id, debit(10))).isInstanceOf(Decision.Conflict.class);
    }

    @Test
    void executesFirstRequestAndReplaysStoredResponseForSameKey() {
        IdempotencyProcessor processor = processor();
        RecordId id = newId();

        Execution first = execute(processor.begin(id, debit(10)));
        assertThat(first.complete(created("{\"op\":1}"))).isEqualTo(Ownership.OWNED);
        Decision retry = processor.begin(id, debit(10));

        assertThat(retry).isEqualTo(new Decision.Replay(created("{\"op\":1}")));
        assertThat(observer.outcomes).containsExactly(RequestOutcome.EXECUTED, RequestOutcome.REPLAYED);
        assertThat(observer.stored).hasSize(1);
    }

    @Test
    void answersConflictWithAShortDefaultHintNotTheLeaseBeforeAnythingWasMeasured() {
        IdempotencyProcessor processor = processor();
        RecordId id = newId();
        execute(processor.begin(id, debit(10)));

        Decision second = processor.begin(id, debit(10));

        assertThat(second).isEqualTo(new Decision.Conflict(Duration.ofSeconds(1)));
        assertThat(observer.outcomes).containsExactly(RequestOutcome.EXECUTED, RequestOutcome.CONFLICT);
    }

    @Test
    void conflictHintFollowsHowLongExecutionsTook() throws InterruptedException {
        IdempotencyProcessor processor = processor();
        Execution measured = execute(processor.begin(newId(), debit(10)));
        Thread.sleep(300);
        measured.complete(created("{}"));
        RecordId id = newId();
        execute(processor.begin(id, debit(10)));

        Duration hint = ((Decision.Conflict) processor.begin(id, debit(10))).retryAfter();

        assertThat(hint).isEqualTo(processor.executionEstimate())
                .isGreaterThanOrEqualTo(Duration.ofMillis(300))
                .isLessThan(LEASE);
    }

    @Test
    void conflictHintNeverOutlastsTheHoldersLease() {
        IdempotencyProcessor processor = processor();
        RecordId id = newId();
        execute(processor.begin(id, debit(10)));
        store.advance(LEASE.minusMillis(400));

        Decision second = processor.begin(id, debit(10));

        assertThat(second).isEqualTo(new Decision.Conflict(Duration.ofMillis(400)));
    }

    @Test
    void rejectsKeyReusedWithDifferentBody() {
        IdempotencyProcessor processor = processor();
        RecordId id = newId();
        execute(processor.begin(id, debit(10))).complete(created("{}"));

        assertThat(processor.begin(id, debit(11))).isEqualTo(new Decision.Mismatch());
        assertThat(observer.outcomes).containsExactly(RequestOutcome.EXECUTED, RequestOutcome.MISMATCH);
    }

    @Test
    void refusesAnAcknowledgedKeyWithoutRunningAndCountsIt() {
        IdempotencyProcessor processor = processor();
        RecordId first = new RecordId("alice", new SequencedKey("session-refused", 1).key());
        RecordId second = new RecordId("alice", new SequencedKey("session-refused", 2).key());
        execute(processor.begin(first, debit(10), 0)).complete(created("{}"));
        execute(processor.begin(second, debit(10), 2)).complete(created("{}"));

        assertThat(processor.begin(first, debit(10), 0)).isEqualTo(new Decision.BelowWatermark(2));
        assertThat(observer.outcomes).containsExactly(RequestOutcome.EXECUTED, RequestOutcome.EXECUTED,
                RequestOutcome.BELOW_WATERMARK);
    }

    @Test
    void runsAgainAfterRelease() {
        IdempotencyProcessor processor = processor();
        RecordId id = newId();
        assertThat(execute(processor.begin(id, debit(10))).release()).isEqualTo(Ownership.OWNED);

        Execution again = execute(processor.begin(id, debit(10)));

        assertThat(again.takeover()).isFalse();
        assertThat(observer.outcomes).containsExactly(RequestOutcome.EXECUTED, RequestOutcome.EXECUTED);
        assertThat(observer.endings).containsExactly(IdempotencyObserver.Ending.RELEASED);
    }

    @Test
    void releasedRefusalFreesTheKeyForACorrectedRequestAndCountsAsRefused() {
        IdempotencyProcessor processor = processor();
        RecordId id = newId();
        assertThat(execute(processor.begin(id, debit(-1))).releaseRefusal()).isEqualTo(Ownership.OWNED);

        Execution corrected = execute(processor.begin(id, debit(10)));

        assertThat(corrected.takeover()).isFalse();
        assertThat(observer.endings).containsExactly(IdempotencyObserver.Ending.REFUSED);
    }

    @Test
    void takesOverAfterHolderLeaseExpiresAndFencesTheOldHolder() {
        IdempotencyProcessor processor = processor();
        RecordId id = newId();
        Execution crashed = execute(processor.begin(id, debit(10)));

        store.advance(LEASE.plusMillis(1));
        Execution takeover = execute(processor.begin(id, debit(10)));

        assertThat(takeover.takeover()).isTrue();
        assertThat(crashed.complete(created("{\"late\":true}"))).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(takeover.complete(created("{\"op\":2}"))).isEqualTo(Ownership.OWNED);
        assertThat(processor.begin(id, debit(10))).isEqualTo(new Decision.Replay(created("{\"op\":2}")));
        assertThat(observer.outcomes).containsExactly(RequestOutcome.EXECUTED, RequestOutcome.TAKEOVER,
                RequestOutcome.REPLAYED);
        assertThat(observer.endings).containsExactly(IdempotencyObserver.Ending.TAKEN_OVER,
                IdempotencyObserver.Ending.STORED);
    }

    @Test
    void completionOfAVanishedRecordCountsAsVanishedNotTakeoverAndIsReplayed() {
        IdempotencyProcessor processor = processor();
        RecordId id = newId();
        Execution first = execute(processor.begin(id, debit(10)));
        store.flush();

        assertThat(first.complete(created("{\"op\":1}"))).isEqualTo(Ownership.VANISHED);

        assertThat(observer.endings).containsExactly(IdempotencyObserver.Ending.VANISHED);
        assertThat(observer.stored).hasSize(1);
        assertThat(processor.begin(id, debit(10))).isEqualTo(new Decision.Replay(created("{\"op\":1}")));
    }

    @Test
    void closeReleasesAnExecutionThatNeverEnded() {
        IdempotencyProcessor processor = processor();
        RecordId id = newId();

        try (Execution execution = execute(processor.begin(id, debit(10)))) {
            assertThat(execution.id()).isEqualTo(id);
        }

        assertThat(processor.begin(id, debit(10))).isInstanceOf(Decision.Execute.class);
    }

    @Test
    void refusesToEndAnExecutionTwice() {
        Execution execution = execute(processor().begin(newId(), debit(10)));
        execution.complete(created("{}"));

        assertThatThrownBy(execution::release).isInstanceOf(IllegalStateException.class).hasMessageContaining("ended");
    }

    @Test
    void reportsStoreFailureAndDoesNotDecide() {
        IdempotencyProcessor processor = processor();
        store.down(true);

        assertThatThrownBy(() -> processor.begin(newId(), debit(10))).isInstanceOf(IdempotencyStoreException.class);
        assertThat(observer.outcomes).containsExactly(RequestOutcome.STORE_ERROR);
    }

    @Test
    void heartbeatRenewsLeaseWhileHandlerRunsAndStopsAfterCompletion() {
        CountingStore counting = new CountingStore(store);
        IdempotencyProcessor processor = renewingEvery20Millis(counting);
        RecordId id = newId();
        Execution execution = execute(processor.begin(id, debit(10)));

        await().atMost(5, TimeUnit.SECONDS).until(() -> counting.renewalsOf(id) >= 3);
        execution.complete(created("{}"));
        int atCompletion = counting.renewalsOf(id);
        tenBeatsPass(processor, counting);

        // One renewal may have been under way when the execution completed; none may start afterwards.
        assertThat(counting.renewalsOf(id)).isLessThanOrEqualTo(atCompletion + 1);
        assertThat(observer.renewals).contains(IdempotencyObserver.Renewal.RENEWED);
    }

    @Test
    void heartbeatStopsWhenLeaseWasTakenOver() {
        CountingStore counting = new CountingStore(store);
        IdempotencyProcessor processor = renewingEvery20Millis(counting);
        RecordId id = newId();
        execute(processor.begin(id, debit(10)));
        store.advance(Duration.ofSeconds(1));
        execute(processor.begin(id, debit(10)));

        await().atMost(5, TimeUnit.SECONDS).until(() -> observer.renewals.contains(IdempotencyObserver.Renewal.LOST));
        tenBeatsPass(processor, counting);

        assertThat(counting.renewalsAnswered(Ownership.TAKEN_OVER))
                .as("renewals by the execution that lost its lease, the one that told it so included").isEqualTo(1);
        assertThat(observer.renewals).containsOnlyOnce(IdempotencyObserver.Renewal.LOST)
                .doesNotContain(IdempotencyObserver.Renewal.VANISHED);
    }

    @Test
    void heartbeatReportsAVanishedRecordAsVanishedNotLostAndStops() {
        CountingStore counting = new CountingStore(store);
        IdempotencyProcessor processor = renewingEvery20Millis(counting);
        execute(processor.begin(newId(), debit(10)));
        store.flush();

        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> observer.renewals.contains(IdempotencyObserver.Renewal.VANISHED));
        tenBeatsPass(processor, counting);

        assertThat(observer.renewals).containsOnlyOnce(IdempotencyObserver.Renewal.VANISHED)
                .doesNotContain(IdempotencyObserver.Renewal.LOST);
        assertThat(counting.renewalsAnswered(Ownership.VANISHED))
                .as("renewals of the vanished record, the one that found it gone included").isEqualTo(1);
    }

    @Test
    void waitModeReplaysTheFirstRequestsResponse() throws Exception {
        FirstAndRetry running = retryWaitingForTheFirst();

        running.first().complete(created("{\"op\":1}"));

        assertThat(running.retry().get(5, TimeUnit.SECONDS)).isEqualTo(new Decision.Replay(created("{\"op\":1}")));
    }

    @Test
    void waitModeRunsTheRequestWhenTheFirstIsReleased() throws Exception {
        FirstAndRetry running = retryWaitingForTheFirst();

        running.first().release();

        assertThat(running.retry().get(5, TimeUnit.SECONDS)).isInstanceOf(Decision.Execute.class);
    }

    @Test
    void waitModeAnswersConflictWhenWaitRunsOut() {
        IdempotencyProcessor processor = processor(waiting(Duration.ofMillis(150)));
        RecordId id = newId();
        execute(processor.begin(id, debit(10)));

        long started = System.nanoTime();
        Decision second = processor.begin(id, debit(10));

        assertThat(second).isInstanceOf(Decision.Conflict.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    /** Counts renewals on the way to the real store, by record and by what the store answered. */
    private static class CountingStore implements IdempotencyStore {

        private final List<Renewed> renewals = new CopyOnWriteArrayList<>();
        private final IdempotencyStore store;

        CountingStore(IdempotencyStore store) {
            this.store = store;
        }

        int renewalsOf(RecordId id) {
            return (int) renewals.stream().filter(renewed -> renewed.id().equals(id)).count();
        }

        int renewalsAnswered(Ownership answer) {
            return (int) renewals.stream().filter(renewed -> renewed.answer() == answer).count();
        }

        @Override
        public ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner, Duration lease,
                Duration retention, long acknowledged) {
            return store.claim(id, fingerprint, owner, lease, retention, acknowledged);
        }

        @Override
        public Ownership renew(RecordId id, OwnerToken owner, Duration lease) {
            Ownership found = store.renew(id, owner, lease);
            renewals.add(new Renewed(id, found));
            return found;
        }

        @Override
        public Ownership complete(RecordId id, OwnerToken owner, RequestFingerprint fingerprint,
                StoredResponse response, Duration retention) {
            return store.complete(id, owner, fingerprint, response, retention);
        }

        @Override
        public Ownership release(RecordId id, OwnerToken owner) {
            return store.release(id, owner);
        }

        private record Renewed(RecordId id, Ownership answer) {
        }
    }
}

package dev.exactlyonce.client.operation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.exactlyonce.client.bank.AttemptListener;
import dev.exactlyonce.client.bank.BankAccounts;
import dev.exactlyonce.client.bank.BankProblemType;
import dev.exactlyonce.client.bank.BankProperties;
import dev.exactlyonce.client.bank.MovementResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Drives one operation through a round of attempts and journals what happened. At most one round per
 * operation runs in this process at a time; a second request to run it joins the round in flight. Across
 * replicas, a round runs only under this process's lease on the operation in the journal.
 */
@Component
class OperationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);

    private final Journal journal;

    private final BankAccounts bank;

    private final JournalProperties properties;

    private final Clock clock;

    private final Executor executor;

    private final Duration roundTime;

    /** Long enough for the longest round, renewed before each attempt; a dead holder's lease ends sooner. */
    private final Duration lease;

    private final ConcurrentHashMap<UUID, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    OperationRunner(Journal journal, BankAccounts bank, JournalProperties properties,
            BankProperties bankProperties, Clock clock, @Qualifier(JournalConfiguration.BANK_CALLS_EXECUTOR) Executor executor) {
        this.journal = journal;
        this.bank = bank;
        this.properties = properties;
        this.clock = clock;
        this.executor = executor;
        this.roundTime = bankProperties.writeBudget();
        this.lease = roundTime.plus(properties.instanceTimeout());
    }

    /** When the resumer may look at an operation whose round starts at {@code start}: after that round. */
    Instant resumeAfterRound(Instant start) {
        return start.plus(roundTime).plus(properties.resumeDelay());
    }

    /** Starts a round for the operation unless one is running; completes when that round has ended. */
    CompletableFuture<Void> run(UUID id) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.compute(id,
                (key, existing) -> existing != null && !existing.isDone() ? existing : started);
        if (running != started) {
            return running;
        }
        try {
            executor.execute(() -> {
                try {
                    round(id);
                    started.complete(null);
                } catch (Throwable ex) {
                    log.error("Operation {} stays in doubt after an unexpected failure", id, ex);
                    started.completeExceptionally(ex);
                } finally {
                    inFlight.remove(id, started);
                }
            });
        } catch (RejectedExecutionException ex) {
            inFlight.remove(id, started);
            log.warn("Operation {} waits for the resumer: all workers are busy", id);
            started.complete(null);
        }
        return started;
    }

    /**
     * Starts a round for up to {@code batch} operations in doubt whose next attempt is due or whose holder
     * died, skipping those with a round already running here.
     */
    void runDue(int batch) {
        for (UUID id : journal.due(clock.instant(), batch, properties.instanceTimeout())) {
            if (!isRunning(id)) {
                run(id);
            }
        }
    }

    /** Whether a round for the operation is running in this process. */
    private boolean isRunning(UUID id) {
        CompletableFuture<Void> running = inFlight.get(id);
        return running != null && !running.isDone();
    }

    private void round(UUID id) {
        if (!journal.claim(id, lease, properties.instanceTimeout())) {
            // Settled meanwhile, or another live replica is running its round: that one journals the outcome.
            return;
        }
        PendingOperation operation = journal.find(id).orElse(null);
        if (operation == null || operation.status().isFinal()) {
            return;
        }
        MovementResult result;
        try {
            result = bank.send(operation.user(), operation.movement(), new JournalingListener(id));
        } catch (LeaseLostException ex) {
            log.warn("Operation {}: round stopped, another client-app instance took it over", id);
            return;
        } catch (RuntimeException ex) {
            Instant now = clock.instant();
            journal.stillInDoubt(id, "Interrupted by an unexpected error: " + ex.getMessage(), null,
                    now.plus(properties.resumeDelay()), now);
            throw ex;
        }
        Instant now = clock.instant();
        if (result instanceof MovementResult.Succeeded succeeded) {
            journal.settle(id, OperationStatus.SUCCEEDED, succeededDetail(succeeded), null, succeeded.replayed(),
                    succeeded.bankOperationId(), now);
        } else if (result instanceof MovementResult.Rejected rejected) {
            if (BankProblemType.of(rejected.problemType()) == BankProblemType.IDEMPOTENCY_KEY_ACKNOWLEDGED) {
                // client-app acknowledges only replies it has, so the bank cannot have forgotten this one unless
                // something acknowledged too much. Whether the money moved is unknown; a person must look.
                log.error("Bug: the bank refused operation {} (bank key {}) as already acknowledged, while it was "
                        + "still in doubt; settled as rejected, check the account's history", id, operation.bankKey());
            }
            journal.settle(id, OperationStatus.REJECTED,
                    "Rejected by the bank (HTTP " + rejected.httpStatus() + "): " + rejected.reason(),
                    rejected.problemType(), rejected.replayed(), rejected.bankOperationId(), now);
        } else if (result instanceof MovementResult.InDoubt inDoubt) {
            Duration wait = inDoubt.retryAfter().compareTo(properties.resumeDelay()) > 0 ? inDoubt.retryAfter()
                    : properties.resumeDelay();
            journal.stillInDoubt(id, inDoubt.reason() + ". Will try again with the same key.",
                    inDoubt.bankUnavailable() ? BankProblemType.BANK_UNAVAILABLE.uri() : null, now.plus(wait), now);
        }
    }

    private static String succeededDetail(MovementResult.Succeeded succeeded) {
        String detail = "Done by the bank as operation " + succeeded.bankOperationId();
        if (succeeded.balanceAfter() != null) {
            detail += "; balance after: " + succeeded.balanceAfter();
        }
        return succeeded.replayed() ? detail + " (the bank replayed the outcome of an earlier attempt)" : detail;
    }

    /** Writes each attempt to the journal as it starts and ends. */
    private final class JournalingListener implements AttemptListener {

        private final UUID operationId;

        private int number;

        JournalingListener(UUID operationId) {
            this.operationId = operationId;
        }

        @Override
        public void attemptStarted(Instant at) {
            number = journal.startAttempt(operationId, at, lease);
        }

        @Override
        public void attemptFinished(Integer httpStatus, String error, boolean replayed) {
            journal.finishAttempt(operationId, number, clock.instant(), httpStatus, error, replayed);
        }
    }
}

package dev.exactlyonce.chaos.workload;

import java.util.UUID;

import dev.exactlyonce.chaos.history.Operation;
import dev.exactlyonce.chaos.history.OperationResult;
import dev.exactlyonce.chaos.history.ClientOutcome;

/** An operation while the workload drives it, written by the one thread that sends it. */
final class TrackedOperation {

    final Operation operation;

    final long issuedAtMillis;

    volatile ClientOutcome outcome = ClientOutcome.IN_DOUBT;

    volatile long definiteAtMillis = -1;

    volatile UUID bankOperationId;

    volatile int attempts;

    volatile boolean resolvedAfterRun;

    /** The first definite answer as the caller got it, kept for the replay check (gateway channel only). */
    volatile int firstStatus;

    volatile byte[] firstBody;

    TrackedOperation(Operation operation, long issuedAtMillis) {
        this.operation = operation;
        this.issuedAtMillis = issuedAtMillis;
    }

    boolean isDefinite() {
        return outcome != ClientOutcome.IN_DOUBT;
    }

    void answered(ClientOutcome definite, UUID bankOperation, long atMillis, boolean afterRun) {
        bankOperationId = bankOperation;
        definiteAtMillis = atMillis;
        resolvedAfterRun = afterRun;
        outcome = definite;
    }

    OperationResult result() {
        return new OperationResult(operation, outcome, bankOperationId, issuedAtMillis, definiteAtMillis, attempts,
                resolvedAfterRun);
    }
}

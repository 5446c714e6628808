package dev.exactlyonce.chaos.history;

import java.util.UUID;

/**
 * An operation with what its client was finally told.
 *
 * @param bankOperationId the bank's id of the operation when the answer named one; {@code null} otherwise
 * @param issuedAtMillis when the first attempt was sent, milliseconds since the run started
 * @param definiteAtMillis when the definite answer arrived, or -1 while in doubt
 * @param attempts HTTP attempts the harness itself made for it
 * @param resolvedAfterRun whether the definite answer came only in the resolution phase after the run
 */
public record OperationResult(Operation operation, ClientOutcome outcome, UUID bankOperationId, long issuedAtMillis,
        long definiteAtMillis, int attempts, boolean resolvedAfterRun) {

    public boolean isDefinite() {
        return outcome != ClientOutcome.IN_DOUBT;
    }
}

package dev.exactlyonce.client.bank;

import java.time.Duration;
import java.util.UUID;

/** How one round of attempts at a money movement ended. */
public sealed interface MovementResult {

    /** The bank moved the money (now or on an earlier attempt with the same key). */
    record Succeeded(UUID bankOperationId, Long balanceAfter, int httpStatus, boolean replayed)
            implements MovementResult {
    }

    /**
     * The bank gave a definite refusal that retrying the same key cannot change.
     *
     * @param reason the bank's words, for a person
     * @param problemType the stable {@code type} URI of the bank's problem, what decisions are made on;
     *        {@code null} when the refusal had no problem document
     * @param bankOperationId the bank's record of the refusal, when it keeps one (insufficient funds)
     */
    record Rejected(int httpStatus, String reason, String problemType, UUID bankOperationId, boolean replayed)
            implements MovementResult {
    }

    /**
     * No definite answer in this round: the movement may or may not have happened, and must be tried again
     * later with the same key.
     *
     * @param bankUnavailable whether the circuit breaker refused to call the bank at all
     * @param retryAfter the bank's last {@code Retry-After}, zero when it gave none
     */
    record InDoubt(String reason, boolean bankUnavailable, Duration retryAfter) implements MovementResult {
    }
}

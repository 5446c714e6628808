package dev.exactlyonce.client.operation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One operation in the journal, with every attempt and its outcome so far.
 *
 * @param id client-app's id of the operation
 * @param idempotencyKey the key sent on every attempt
 * @param toAccountId the destination of a transfer; {@code null} otherwise
 * @param outcomeDetail a sentence for a person: what the bank said, or why the outcome is still open
 * @param problemType the stable {@code type} URI of the problem behind the outcome, what decisions are made
 *        on: the bank's refusal, or client-app's {@code bank-unavailable} while its circuit breaker keeps an
 *        operation in doubt; {@code null} otherwise
 * @param replayed whether the last reply was a replay of an earlier attempt's stored outcome
 * @param bankOperationId the bank's id of the operation, once known
 */
public record JournalView(UUID id, String idempotencyKey, OperationType type, UUID accountId, UUID toAccountId,
        long amount, String currency, OperationStatus status, String outcomeDetail, String problemType,
        boolean replayed, List<AttemptView> attempts, UUID bankOperationId, Instant createdAt) {
}

package dev.exactlyonce.bank.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * A recorded operation.
 *
 * @param rejection why the bank refused it; null unless the status is {@link OperationStatus#REJECTED}
 * @param balanceAfter the balance of the account it is read for, right after the operation; null when
 *        nothing moved
 */
record Operation(UUID id, String client, OperationType type, OperationStatus status, Rejection rejection,
        UUID accountId, UUID counterpartyAccountId, long amount, String currency, String description,
        Long balanceAfter, Instant createdAt) implements HistoryItem {
}

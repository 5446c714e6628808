package dev.exactlyonce.bank.ledger;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An entry of an account's history as its client sees it; amounts in minor units. Fields that do not
 * apply to the entry's type are absent.
 *
 * @param amount the money moved; absent for an overdraft-limit change
 * @param balanceAfter balance of the account the operation is read for, right after it; absent when
 *        nothing moved
 * @param previousOverdraftLimit for an overdraft-limit change, the limit before it
 * @param overdraftLimit for an overdraft-limit change, the limit it set
 * @param changedBy for an overdraft-limit change, the operator who made it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OperationResponse(UUID operationId, OperationType type, UUID accountId, UUID counterpartyAccountId,
        Long amount, String currency, Long balanceAfter, OperationStatus status, String description,
        Long previousOverdraftLimit, Long overdraftLimit, String changedBy, Instant createdAt) {

    static OperationResponse of(HistoryItem item) {
        if (item instanceof OverdraftLimitChange change) {
            return new OperationResponse(change.id(), OperationType.OVERDRAFT_LIMIT_CHANGE, change.accountId(), null,
                    null, change.currency(), null, OperationStatus.COMPLETED, null, change.previousOverdraftLimit(),
                    change.overdraftLimit(), change.changedBy(), change.createdAt());
        }
        Operation operation = (Operation) item;
        return new OperationResponse(operation.id(), operation.type(), operation.accountId(),
                operation.counterpartyAccountId(), operation.amount(), operation.currency(), operation.balanceAfter(),
                operation.status(), operation.description(), null, null, null, operation.createdAt());
    }
}

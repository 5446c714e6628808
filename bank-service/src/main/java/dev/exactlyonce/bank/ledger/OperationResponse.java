package dev.exactlyonce.bank.ledger;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An operation as its client sees it; amounts in minor units.
 *
 * @param balanceAfter balance of the account the operation is read for, right after it; absent when
 *        nothing moved
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OperationResponse(UUID operationId, OperationType type, UUID accountId, UUID counterpartyAccountId,
        long amount, String currency, Long balanceAfter, OperationStatus status, String description,
        Instant createdAt) {

    static OperationResponse of(Operation operation) {
        return new OperationResponse(operation.id(), operation.type(), operation.accountId(),
                operation.counterpartyAccountId(), operation.amount(), operation.currency(), operation.balanceAfter(),
                operation.status(), operation.description(), operation.createdAt());
    }
}

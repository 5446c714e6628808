package dev.exactlyonce.client.bank;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of an account's history at the bank, newest first, for the balance chart.
 *
 * @param amount minor units
 * @param balanceAfter the account's balance right after the operation; {@code null} when nothing moved
 *        (a rejected operation)
 * @param status {@code COMPLETED} or {@code REJECTED}, as the bank says
 */
public record BankOperationView(UUID operationId, String type, long amount, Long balanceAfter, String status,
        Instant createdAt) {

    static BankOperationView of(Wire.Operation operation) {
        return new BankOperationView(operation.operationId(), operation.type(), operation.amount(),
                operation.balanceAfter(), operation.status(), operation.createdAt());
    }
}

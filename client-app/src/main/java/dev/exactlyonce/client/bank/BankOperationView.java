package dev.exactlyonce.client.bank;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of an account's history at the bank, newest first, for the balance chart. Most entries move
 * money; an {@value #OVERDRAFT_LIMIT_CHANGE} records a bank operator changing the account's overdraft limit
 * and moves nothing, so it has no amount and no balance after it.
 *
 * @param operationId the bank's id of the entry; {@code null} if the bank gives none (a limit change may not)
 * @param type {@code CREDIT}, {@code DEBIT}, {@code TRANSFER} or {@value #OVERDRAFT_LIMIT_CHANGE}, as the bank
 *        says; other types may come and are shown by name
 * @param amount minor units; {@code null} when the entry moved no money (a limit change)
 * @param balanceAfter the account's balance right after the operation; {@code null} when nothing moved
 *        (a rejected operation, a limit change)
 * @param status {@code COMPLETED} or {@code REJECTED}, as the bank says
 * @param previousOverdraftLimit a limit change's limit before it, in minor units; {@code null} otherwise
 * @param overdraftLimit a limit change's new limit, in minor units; {@code null} otherwise
 * @param changedBy who changed the limit (the operator's name at the bank); {@code null} otherwise
 */
public record BankOperationView(UUID operationId, String type, Long amount, Long balanceAfter, String status,
        Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Long previousOverdraftLimit,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long overdraftLimit,
        @JsonInclude(JsonInclude.Include.NON_NULL) String changedBy) {

    /** The bank's type of an overdraft-limit change. */
    public static final String OVERDRAFT_LIMIT_CHANGE = "OVERDRAFT_LIMIT_CHANGE";

    /** A money movement: a credit, debit or transfer, completed or rejected. */
    public BankOperationView(UUID operationId, String type, long amount, Long balanceAfter, String status,
            Instant createdAt) {
        this(operationId, type, Long.valueOf(amount), balanceAfter, status, createdAt, null, null, null);
    }

    /** A bank operator's change of the account's overdraft limit. */
    public static BankOperationView limitChange(UUID operationId, long previousOverdraftLimit,
            long overdraftLimit, String changedBy, Instant createdAt) {
        return new BankOperationView(operationId, OVERDRAFT_LIMIT_CHANGE, null, null, "COMPLETED", createdAt,
                previousOverdraftLimit, overdraftLimit, changedBy);
    }

    /** Whether this entry is an overdraft-limit change rather than a money movement. */
    public boolean overdraftLimitChange() {
        return OVERDRAFT_LIMIT_CHANGE.equals(type);
    }

    static BankOperationView of(Wire.Operation operation) {
        return new BankOperationView(operation.operationId(), operation.type(), operation.amount(),
                operation.balanceAfter(), operation.status(), operation.createdAt(),
                operation.previousOverdraftLimit(), operation.overdraftLimit(), operation.changedBy());
    }
}

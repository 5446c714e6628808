package dev.exactlyonce.client.operation;

import java.time.Instant;
import java.util.UUID;

import dev.exactlyonce.client.bank.MoneyMovement;

/** An operation's row in the journal: what was asked, under which key, by whom. */
record PendingOperation(UUID id, String user, String idempotencyKey, OperationType type, UUID accountId,
        UUID toAccountId, long amount, String currency, String description, OperationStatus status,
        Instant createdAt) {

    /** Whether a second submit with the same key asks for the same thing. */
    boolean sameRequestAs(OperationCommand command) {
        return type == command.type() && accountId.equals(command.accountId())
                && java.util.Objects.equals(toAccountId, command.toAccountId()) && amount == command.amount()
                && currency.equals(command.currency())
                && java.util.Objects.equals(description, command.description());
    }

    MoneyMovement movement() {
        return new MoneyMovement(MoneyMovement.Kind.valueOf(type.name()), accountId, toAccountId, amount, currency,
                description, idempotencyKey);
    }
}

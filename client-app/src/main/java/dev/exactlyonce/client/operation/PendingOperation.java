package dev.exactlyonce.client.operation;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.exactlyonce.client.bank.MoneyMovement;

/**
 * An operation's row in the journal: what was asked, under which keys, by whom.
 *
 * @param idempotencyKey the caller's key, which de-duplicates submissions to client-app
 * @param bankKey client-app's key at the bank, {@code <session>.<sequence>} (the caller's key for an operation
 *        journaled before sessions existed); {@code null} until the journal has minted it
 * @param acknowledged the acknowledgement fixed when the bank key was minted, sent with it on every attempt;
 *        {@code null} for an opaque bank key
 */
record PendingOperation(UUID id, String user, String idempotencyKey, OperationType type, UUID accountId,
        UUID toAccountId, long amount, String currency, String description, OperationStatus status,
        Instant createdAt, String bankKey, Long acknowledged) {

    /** An operation as submitted, before the journal has given it a bank key. */
    static PendingOperation submitted(UUID id, String user, String idempotencyKey, OperationCommand command,
            Instant createdAt) {
        return new PendingOperation(id, user, idempotencyKey, command.type(), command.accountId(),
                command.toAccountId(), command.amount(), command.currency(), command.description(),
                OperationStatus.IN_DOUBT, createdAt, null, null);
    }

    /** Whether a second submit with the same key asks for the same thing. */
    boolean sameRequestAs(OperationCommand command) {
        return type == command.type() && accountId.equals(command.accountId())
                && Objects.equals(toAccountId, command.toAccountId()) && amount == command.amount()
                && currency.equals(command.currency())
                && Objects.equals(description, command.description());
    }

    MoneyMovement movement() {
        return new MoneyMovement(MoneyMovement.Kind.valueOf(type.name()), accountId, toAccountId, amount, currency,
                description, bankKey, acknowledged);
    }
}

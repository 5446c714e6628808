package dev.exactlyonce.bank.ledger;

import java.util.UUID;

/**
 * The bank refused a debit or transfer because the balance would pass the overdraft limit. The refusal
 * is a stored outcome: the same key replays it even after a later credit.
 */
public class InsufficientFundsException extends RuntimeException {

    private final UUID operationId;

    private final boolean replayed;

    InsufficientFundsException(Operation operation, boolean replayed) {
        super("Account " + operation.accountId() + " has insufficient funds for " + operation.type().name().toLowerCase()
                + " of " + operation.amount() + " " + operation.currency() + " (minor units)");
        this.operationId = operation.id();
        this.replayed = replayed;
    }

    /** The operation that records the refusal. */
    public UUID operationId() {
        return operationId;
    }

    /** Whether this answer replays a refusal recorded for an earlier request with the same key. */
    public boolean replayed() {
        return replayed;
    }
}

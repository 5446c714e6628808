package dev.exactlyonce.bank.ledger;

import java.util.UUID;

import dev.exactlyonce.bank.money.Amounts;

/**
 * The bank refused a credit or transfer because the receiving balance would pass
 * {@link Amounts#MAX_BALANCE}. Like insufficient funds this is the bank's decision on the account's
 * state, not a fault of the request, so it is a stored outcome: the same key replays it.
 */
public class BalanceLimitExceededException extends RuntimeException {

    private final UUID operationId;

    private final boolean replayed;

    BalanceLimitExceededException(Operation operation, boolean replayed) {
        super("The " + operation.type().name().toLowerCase() + " of " + operation.amount() + " " + operation.currency()
                + " (minor units) would take the balance beyond the largest balance an account may hold");
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

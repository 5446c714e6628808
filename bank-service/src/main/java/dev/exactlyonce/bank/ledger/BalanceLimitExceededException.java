package dev.exactlyonce.bank.ledger;

import dev.exactlyonce.bank.money.Amounts;

/**
 * The bank refused a credit or transfer because the receiving balance would pass
 * {@link Amounts#MAX_BALANCE}. Like insufficient funds this is the bank's decision on the account's
 * state, not a fault of the request, so it is a stored outcome: the same key replays it.
 */
public class BalanceLimitExceededException extends StoredRefusalException {

    BalanceLimitExceededException(Operation operation, boolean replayed) {
        super("The " + operation.type().name().toLowerCase() + " of " + operation.amount() + " " + operation.currency()
                + " (minor units) would take the balance beyond the largest balance an account may hold", operation,
                replayed);
    }
}

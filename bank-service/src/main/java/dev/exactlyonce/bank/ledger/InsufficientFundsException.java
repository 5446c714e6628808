package dev.exactlyonce.bank.ledger;

/**
 * The bank refused a debit or transfer because the balance would pass the overdraft limit. The refusal
 * is a stored outcome: the same key replays it even after a later credit.
 */
public class InsufficientFundsException extends StoredRefusalException {

    InsufficientFundsException(Operation operation, boolean replayed) {
        super("Account " + operation.accountId() + " has insufficient funds for " + operation.type().name().toLowerCase()
                + " of " + operation.amount() + " " + operation.currency() + " (minor units)", operation, replayed);
    }
}

package dev.exactlyonce.bank.ledger;

/**
 * Why the bank refused a movement it was asked for. The refusal depends on the account's state when the
 * request ran, so it is a stored outcome: a retry with the same key gets the same refusal.
 */
enum Rejection {
    /** The balance would pass the overdraft limit. */
    INSUFFICIENT_FUNDS,
    /** The balance would pass the largest balance an account may hold. */
    BALANCE_LIMIT_EXCEEDED
}

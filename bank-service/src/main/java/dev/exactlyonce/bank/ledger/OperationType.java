package dev.exactlyonce.bank.ledger;

/** What an entry of an account's history did. */
enum OperationType {
    /** Money entered the bank into the account. */
    CREDIT,
    /** Money left the bank from the account. */
    DEBIT,
    /** Money moved from the account to another account in the bank. */
    TRANSFER,
    /** An operator changed the account's overdraft limit; no money moved. */
    OVERDRAFT_LIMIT_CHANGE
}

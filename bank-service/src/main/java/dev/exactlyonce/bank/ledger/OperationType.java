package dev.exactlyonce.bank.ledger;

/** What an operation did to the money. */
enum OperationType {
    /** Money entered the bank into the account. */
    CREDIT,
    /** Money left the bank from the account. */
    DEBIT,
    /** Money moved from the account to another account in the bank. */
    TRANSFER
}

package dev.exactlyonce.bank.ledger;

/** The final outcome of an operation. Both are stored, so a retry with the same key replays either. */
enum OperationStatus {
    /** The money moved. */
    COMPLETED,
    /** The bank refused the movement (insufficient funds); nothing moved. */
    REJECTED
}

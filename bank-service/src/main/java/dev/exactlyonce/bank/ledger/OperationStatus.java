package dev.exactlyonce.bank.ledger;

/** The final outcome of an operation. Both are stored, so a retry with the same key replays either. */
enum OperationStatus {
    /** The money moved (or, for a limit change, the limit changed). */
    COMPLETED,
    /** The bank refused the movement (see {@link Rejection}); nothing moved. */
    REJECTED
}

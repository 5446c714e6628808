package dev.exactlyonce.chaos.check;

/** The invariants a run must keep; a report counts anomalies by these, and 0 is the only passing value. */
public enum AnomalyKind {
    /** One key (one logical operation) took effect more than once: two rows of one operation, or of one key. */
    DUPLICATE_EFFECT,
    /** An operation acknowledged to its client (applied or rejected) is not in the ledger as told. */
    LOST_ACKNOWLEDGED,
    /** The ledger holds an operation nobody asked for. */
    PHANTOM_OPERATION,
    /** A client was told "applied" and the ledger says rejected, or the other way round. */
    WRONG_OUTCOME,
    /**
     * A fence row names another operation than the one its key asked for, an operation row carries another key
     * than the one its request was sent with, or an effect has no fence row though its key was not acknowledged.
     */
    FENCE_MISMATCH,
    /** An account's balance differs from the sum of its entries or of its applied operations. */
    BALANCE_MISMATCH,
    /** An account's history does not list one row per operation on it (applied or refused, either side of a transfer). */
    HISTORY_MISMATCH,
    /** Entries of one operation, or of one currency, do not sum to zero. */
    UNBALANCED_BOOKS,
    /** A customer account is below minus its overdraft limit. */
    LIMIT_EXCEEDED,
    /** A replay differs from the first answer or lacks Idempotent-Replayed: true. */
    REPLAY_MISMATCH,
    /**
     * client-app's journal and the ledger disagree on an operation, client-app sent one bank key for two
     * operations, or the bank holds an acknowledgement of sequences client-app never issued.
     */
    JOURNAL_MISMATCH,
    /** An operation is still in doubt after every fault was healed and every key resolved. */
    UNRESOLVED
}

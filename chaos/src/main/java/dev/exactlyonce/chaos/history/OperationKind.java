package dev.exactlyonce.chaos.history;

/** The bank's money operations, as named in its ledger. */
public enum OperationKind {
    CREDIT, DEBIT, TRANSFER
}

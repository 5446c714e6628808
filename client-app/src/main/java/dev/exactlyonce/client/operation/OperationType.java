package dev.exactlyonce.client.operation;

/** What an operation asks the bank to do. */
public enum OperationType {
    CREDIT, DEBIT, TRANSFER
}

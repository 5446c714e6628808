package dev.exactlyonce.client.operation;

/** Where an operation stands, as far as client-app knows. */
public enum OperationStatus {

    /** The bank moved the money. Final. */
    SUCCEEDED,

    /** The bank gave a definite refusal (insufficient funds, unknown account, ...). Final. */
    REJECTED,

    /**
     * No definite answer yet: the money may or may not have moved. client-app keeps asking with the same
     * key until the bank says which.
     */
    IN_DOUBT;

    boolean isFinal() {
        return this != IN_DOUBT;
    }
}

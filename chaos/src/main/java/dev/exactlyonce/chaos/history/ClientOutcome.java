package dev.exactlyonce.chaos.history;

/** What the client that issued an operation was told, finally. */
public enum ClientOutcome {
    /** A definite success (201, or client-app's SUCCEEDED). */
    APPLIED,
    /** A definite refusal that the bank stores (422 insufficient funds, client-app's REJECTED). */
    REJECTED,
    /** No definite answer was ever received. */
    IN_DOUBT
}

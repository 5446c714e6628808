package dev.exactlyonce.bank.ledger;

/** The operation a request stands for, and whether this answer replays an earlier one. */
record Outcome(Operation operation, boolean replayed) {
}

package dev.exactlyonce.bank.ledger;

/**
 * The operation a keyed money movement stands for, as the fence returned it, and whether this answer
 * replays an operation an earlier request with the key recorded.
 */
record FencedOperation(Operation operation, boolean replayed) {
}

package dev.exactlyonce.bank.ledger;

import java.util.UUID;

/**
 * The bank refused a movement because of the account's state, not because of the request, and recorded
 * the refusal as a rejected operation. The refusal is a stored outcome: the same key replays it, even
 * after the state has changed. Each kind of refusal is a subclass named after its condition.
 */
public abstract class StoredRefusalException extends RuntimeException {

    private final UUID operationId;

    private final boolean replayed;

    StoredRefusalException(String message, Operation operation, boolean replayed) {
        super(message);
        this.operationId = operation.id();
        this.replayed = replayed;
    }

    /** The operation that records the refusal. */
    public UUID operationId() {
        return operationId;
    }

    /** Whether this answer replays a refusal recorded for an earlier request with the same key. */
    public boolean replayed() {
        return replayed;
    }
}

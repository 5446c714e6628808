package dev.exactlyonce.idempotency;

/**
 * What a renew, complete or release found under the record's key. The three answers need three
 * different reactions from an operator: a takeover means a holder paused past its lease (the
 * application's fence is working as designed), a vanished record means the store lost data (it was
 * flushed, or restarted without persistence), which no lease timing explains.
 */
public enum Ownership {

    /** The caller's own PENDING record: the transition happened. */
    OWNED,

    /**
     * Another execution's record (PENDING under another owner, or COMPLETED): the caller lost its lease
     * to a takeover, and nothing was written.
     */
    TAKEN_OVER,

    /**
     * No record at all: the store lost it while the caller ran. A renew or release writes nothing; a
     * complete writes the response back as a new COMPLETED record (only because nothing else holds the
     * key), so a retry replays it instead of running again.
     */
    VANISHED;

    /** Whether the caller still held its record. */
    public boolean owned() {
        return this == OWNED;
    }
}

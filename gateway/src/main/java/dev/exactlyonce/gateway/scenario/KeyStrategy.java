package dev.exactlyonce.gateway.scenario;

import java.util.UUID;

/** Where the Idempotency-Key of a retried debit comes from. */
public enum KeyStrategy {

    /** Each session mints its own key, as a client that keeps no state across a refresh or a new tab does. */
    PER_SESSION,

    /** The key is minted once per logical operation and kept (on disk, in the URL, ...) across sessions. */
    STABLE;

    /** How the printed table names the strategy. */
    public String label() {
        return this == STABLE ? "stable key" : "per-session key";
    }

    /** The key for an attempt, given the key of the operation's first attempt. */
    String keyFor(int attempt, String firstKey) {
        return this == STABLE || attempt == 1 ? firstKey : newKey();
    }

    static String newKey() {
        return "debit-" + UUID.randomUUID();
    }
}

package dev.exactlyonce.idempotency;

import java.util.Locale;

/**
 * How the protocol answered one request that needed an Idempotency-Key: ran it, replayed it, or refused
 * it and why. The tag of the request metric; how a run of the handler ended is
 * {@link IdempotencyObserver.Ending}.
 */
public enum RequestOutcome {

    /** The key was new (or released) and the handler ran. */
    EXECUTED,

    /** A stored response was replayed. */
    REPLAYED,

    /** Another execution held the key: 409. */
    CONFLICT,

    /** The key was used for another request: 422. */
    MISMATCH,

    /** The key is below its session's acknowledged watermark: refused, the handler did not run. */
    BELOW_WATERMARK,

    /** The earlier holder's lease had expired; this request took the key over and ran. */
    TAKEOVER,

    /** The request was refused before the store was asked: missing or malformed key, body too large, no principal. */
    REJECTED,

    /** The store could not be reached: 503, and the handler did not run. */
    STORE_ERROR;

    /** The lower-case name used as a metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

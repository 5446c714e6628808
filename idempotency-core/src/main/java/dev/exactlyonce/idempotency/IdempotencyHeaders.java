package dev.exactlyonce.idempotency;

/** The header fields of the Idempotency-Key protocol, named once for every module that sends or reads them. */
public final class IdempotencyHeaders {

    /** The request header carrying the key (IETF draft "The Idempotency-Key HTTP Header Field"). */
    public static final String KEY = "Idempotency-Key";

    /** The response header, {@code true} on a replay of a stored response. */
    public static final String REPLAYED = "Idempotent-Replayed";

    /**
     * The parameter of the key field that carries a client's cumulative acknowledgement:
     * {@code Idempotency-Key: <session>.<sequence>;ack=<n>} (see {@link KeyField}).
     */
    public static final String ACKNOWLEDGED = "ack";

    private IdempotencyHeaders() {
    }
}

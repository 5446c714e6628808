package dev.exactlyonce.bank.fence;

/** What an Idempotency-Key may look like (IETF draft: an opaque string; we bound it). */
public final class IdempotencyKeys {

    /** The HTTP header that carries the key. */
    public static final String HEADER = "Idempotency-Key";

    /**
     * The response header that marks an answer, success or stored refusal, as the outcome of an earlier
     * request with the same key (the name the starter's filter uses too).
     */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /**
     * Returns the key when it is 1 to 255 visible ASCII characters.
     *
     * @throws InvalidIdempotencyKeyException otherwise: control characters such as CR/LF could split
     *         a header or a log line, and an unbounded key is a memory cost on every replica
     */
    public static String require(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidIdempotencyKeyException("The Idempotency-Key header is empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw new InvalidIdempotencyKeyException(
                    "The Idempotency-Key is " + key.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidIdempotencyKeyException(
                        "The Idempotency-Key may hold only visible ASCII characters; found U+%04X at position %d".formatted((int) c, i));
            }
        }
        return key;
    }
}

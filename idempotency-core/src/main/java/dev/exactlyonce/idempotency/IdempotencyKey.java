package dev.exactlyonce.idempotency;

/**
 * The value of an {@link IdempotencyHeaders#KEY Idempotency-Key} header: 1 to 255 visible ASCII characters
 * (0x21 to 0x7E).
 *
 * <p>The key is opaque and compared byte for byte. Control characters such as CR/LF are refused
 * because they could split a header or a log line; the upper bound keeps every record small.
 *
 * @param value the key as the client sent it
 */
public record IdempotencyKey(String value) {

    /** The longest key accepted, in characters. */
    public static final int MAX_LENGTH = 255;

    /**
     * @throws InvalidIdempotencyKeyException when {@code value} is not 1 to 255 visible ASCII characters
     */
    public IdempotencyKey {
        if (value == null || value.isEmpty()) {
            throw new InvalidIdempotencyKeyException("The Idempotency-Key is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidIdempotencyKeyException("The Idempotency-Key is " + value.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidIdempotencyKeyException(
                        "The Idempotency-Key may hold only visible ASCII characters; found U+%04X at position %d"
                                .formatted((int) c, i));
            }
        }
    }

    /** Whether {@code value} is a well-formed key: what a client checks before sending, a gateway on arrival. */
    public static boolean isValid(String value) {
        try {
            new IdempotencyKey(value);
            return true;
        } catch (InvalidIdempotencyKeyException malformed) {
            return false;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.exactlyonce.client.bank;

import java.util.UUID;

/**
 * The rule for the {@code Idempotency-Key} values client-app sends to the bank, in one place: the journal,
 * the dashboard's forms and the account API all check a caller's key against it before anything is sent,
 * so a key the bank would refuse is refused here, before it is stored or used.
 */
public final class IdempotencyKeys {

    /** The header that carries the key, here and at the bank. */
    public static final String HEADER = "Idempotency-Key";

    /** The bank's limit. */
    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /** A new key for one logical operation: random, visible ASCII, far below {@link #MAX_LENGTH}. */
    public static String mint() {
        return UUID.randomUUID().toString();
    }

    /** Whether the bank accepts {@code key}: 1 to 255 visible ASCII characters (0x21 to 0x7E). */
    public static boolean isValid(String key) {
        return problem(key) == null;
    }

    /**
     * Checks {@code key} against the rule.
     *
     * @throws InvalidIdempotencyKeyException naming what is wrong with it
     */
    public static String requireValid(String key) {
        String problem = problem(key);
        if (problem != null) {
            throw new InvalidIdempotencyKeyException(problem);
        }
        return key;
    }

    private static String problem(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            return "Idempotency-Key must be 1 to " + MAX_LENGTH + " characters, was " + (key == null ? 0 : key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "Idempotency-Key may hold only visible ASCII characters; found U+%04X at position %d"
                        .formatted((int) c, i);
            }
        }
        return null;
    }
}

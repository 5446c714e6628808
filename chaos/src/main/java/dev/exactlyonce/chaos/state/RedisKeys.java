package dev.exactlyonce.chaos.state;

import java.util.Optional;

import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.SequencedKey;

/**
 * The starter's Redis key layout, read back: a record is {@code idem:<length of principal>:<principal>:<key>},
 * a watermark {@code idem:ack:<length of principal>:<principal>:<session>}. After the prefix a record's key
 * starts with a digit and a watermark's with a letter, so the two never meet; the length makes the
 * principal/key split unambiguous whatever characters either holds.
 */
final class RedisKeys {

    /** The starter's default prefix ({@code exactlyonce.idempotency.key-prefix}), which the platform keeps. */
    static final String PREFIX = "idem:";

    private static final String WATERMARK = PREFIX + "ack:";

    private RedisKeys() {
    }

    enum Kind {
        RECORD, WATERMARK, OTHER
    }

    /**
     * One Redis key, parsed.
     *
     * @param principal the record's or watermark's principal; {@code null} for another key
     * @param name the idempotency key of a record, the session of a watermark; {@code null} for another key
     */
    record Parsed(Kind kind, String principal, String name) {

        /** The session a record's key belongs to, or a watermark's; empty for an opaque key or another key. */
        Optional<String> session() {
            return switch (kind) {
                case WATERMARK -> Optional.of(name);
                case RECORD -> IdempotencyKey.isValid(name)
                        ? SequencedKey.of(new IdempotencyKey(name)).map(SequencedKey::session)
                        : Optional.empty();
                case OTHER -> Optional.empty();
            };
        }
    }

    static Parsed parse(String key) {
        if (key.startsWith(WATERMARK)) {
            return scoped(Kind.WATERMARK, key, WATERMARK.length());
        }
        if (key.startsWith(PREFIX) && key.length() > PREFIX.length() && Character.isDigit(key.charAt(PREFIX.length()))) {
            return scoped(Kind.RECORD, key, PREFIX.length());
        }
        return other();
    }

    /** {@code <length>:<principal>:<name>} from {@code start}; another key if it is not of that form. */
    private static Parsed scoped(Kind kind, String key, int start) {
        int colon = key.indexOf(':', start);
        if (colon < 0) {
            return other();
        }
        int length;
        try {
            length = Integer.parseInt(key, start, colon, 10);
        }
        catch (NumberFormatException notALength) {
            return other();
        }
        int nameStart = colon + 1 + length + 1;
        if (length < 0 || nameStart > key.length() || key.charAt(nameStart - 1) != ':') {
            return other();
        }
        return new Parsed(kind, key.substring(colon + 1, colon + 1 + length), key.substring(nameStart));
    }

    private static Parsed other() {
        return new Parsed(Kind.OTHER, null, null);
    }
}

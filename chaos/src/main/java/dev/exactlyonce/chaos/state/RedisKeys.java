package dev.exactlyonce.chaos.state;

import java.util.Optional;

import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.SequencedKey;

/**
 * The starter's Redis key layout, read back: a record is {@code idem:{<length of principal>:<principal>:<key>}},
 * or {@code idem:{<length of principal>:<principal>:<session>}.<sequence>} for a sequenced key, a watermark
 * {@code idem:ack:{<length of principal>:<principal>:<session>}}. The braces are Redis Cluster hash tags (a
 * session's records and watermark share a slot). After the prefix a record's key starts with a brace and a
 * watermark's with a letter, so the two never meet; the length makes the principal/key split unambiguous
 * whatever characters either holds.
 */
final class RedisKeys {

    /** The starter's default prefix ({@code exactlyonce.idempotency.key-prefix}), which the platform keeps. */
    static final String PREFIX = "idem:";

    private static final String RECORD = PREFIX + "{";

    private static final String WATERMARK = PREFIX + "ack:{";

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
        if (key.startsWith(WATERMARK) && key.endsWith("}")) {
            return scoped(Kind.WATERMARK, key.substring(0, key.length() - 1), WATERMARK.length());
        }
        if (key.startsWith(RECORD) && key.endsWith("}")) {
            return scoped(Kind.RECORD, key.substring(0, key.length() - 1), RECORD.length());
        }
        int sequence = key.lastIndexOf("}.");
        if (key.startsWith(RECORD) && sequence > 0) {
            // A sequenced key's record: the session's tag, then the sequence outside it.
            return scoped(Kind.RECORD, key.substring(0, sequence) + key.substring(sequence + 1), RECORD.length());
        }
        return other();
    }

    /** {@code <length>:<principal>:<name>} from {@code start}; another key if it is not of that form. */
    private static Parsed scoped(Kind kind, String key, int start) {
        if (start >= key.length() || !Character.isDigit(key.charAt(start))) {
            return other();
        }
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

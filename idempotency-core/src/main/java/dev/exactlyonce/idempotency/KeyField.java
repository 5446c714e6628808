package dev.exactlyonce.idempotency;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code Idempotency-Key} header field as it arrives: the key, and the client's cumulative acknowledgement
 * when it sent one.
 *
 * <p>The extension is a parameter of the field, as structured fields (RFC 8941) write parameters:
 * {@code Idempotency-Key: <session>.<sequence>;ack=<n>} says "this is operation {@code sequence} of
 * {@code session}, and I have received every reply of this session below {@code n}". It is recognised only on a
 * {@link SequencedKey}; on any other key, a {@code ;ack=…} suffix is simply part of the opaque key, as it
 * always was.
 *
 * <p>Why it is safe with a server that ignores it: a client sends the same field value on every retry of one
 * operation (it fixes the acknowledgement when it mints the key), so a server that treats the whole value as
 * an opaque key still sees one key per operation and keeps each reply for its retention, exactly as today.
 *
 * @param key the key that names the record
 * @param acknowledged the acknowledgement; 0 when none was sent (nothing is acknowledged below sequence 1)
 */
public record KeyField(IdempotencyKey key, long acknowledged) {

    private static final Pattern ACKNOWLEDGEMENT = Pattern
            .compile("(.+);" + IdempotencyHeaders.ACKNOWLEDGED + "=(0|[1-9][0-9]{0,14})");

    public KeyField {
        Objects.requireNonNull(key, "key");
        if (acknowledged < 0) {
            throw new IllegalArgumentException("acknowledged must not be negative; got " + acknowledged);
        }
    }

    /**
     * Reads a header field value.
     *
     * @throws InvalidIdempotencyKeyException when the value is not a well-formed key
     */
    public static KeyField parse(String value) {
        if (value != null) {
            Matcher matcher = ACKNOWLEDGEMENT.matcher(value);
            if (matcher.matches() && IdempotencyKey.isValid(matcher.group(1))) {
                IdempotencyKey key = new IdempotencyKey(matcher.group(1));
                if (SequencedKey.of(key).isPresent()) {
                    return new KeyField(key, Long.parseLong(matcher.group(2)));
                }
            }
        }
        return new KeyField(new IdempotencyKey(value), 0);
    }

    /** The key's place in its session, when it is a sequenced key. */
    public Optional<SequencedKey> sequenced() {
        return SequencedKey.of(key);
    }
}

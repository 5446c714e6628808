package dev.exactlyonce.idempotency;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key that names its place in one client session: {@code <session>.<sequence>}, the lecture's
 * {@code xid = (client id, sequence number)}. A client that mints such keys can acknowledge, with every
 * request, that it has received every reply below some sequence; the server may then forget those replies at
 * once instead of keeping them for the whole retention (see {@link KeyField}).
 *
 * <p>The session is 8 to 64 characters of {@code [A-Za-z0-9_-]}, starting with a letter; the sequence is a
 * positive decimal without leading zeros, at most 15 digits, so that it is exact in every language that
 * counts in doubles (Redis's Lua among them). Any other key is opaque and is kept for the retention as
 * before.
 *
 * @param session the client session, chosen by the client, unique per client
 * @param sequence the operation's number within the session, from 1
 */
public record SequencedKey(String session, long sequence) {

    /** The largest sequence a key may carry: fifteen nines, exact as a double. */
    public static final long MAX_SEQUENCE = 999_999_999_999_999L;

    private static final Pattern SESSION = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{7,63}");
    private static final Pattern KEY = Pattern.compile("(" + SESSION.pattern() + ")\\.([1-9][0-9]{0,14})");

    public SequencedKey {
        Objects.requireNonNull(session, "session");
        if (!SESSION.matcher(session).matches()) {
            throw new IllegalArgumentException(
                    "A session is 8 to 64 characters of [A-Za-z0-9_-] starting with a letter; got " + session);
        }
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("A sequence runs from 1 to " + MAX_SEQUENCE + "; got " + sequence);
        }
    }

    /** The key's place in its session, when it has the form {@code <session>.<sequence>}. */
    public static Optional<SequencedKey> of(IdempotencyKey key) {
        Matcher matcher = KEY.matcher(key.value());
        return matcher.matches()
                ? Optional.of(new SequencedKey(matcher.group(1), Long.parseLong(matcher.group(2))))
                : Optional.empty();
    }

    /** Whether {@code session} may name a session. */
    public static boolean isValidSession(String session) {
        return session != null && SESSION.matcher(session).matches();
    }

    /** The key itself: {@code <session>.<sequence>}. */
    public IdempotencyKey key() {
        return new IdempotencyKey(session + '.' + sequence);
    }

    /**
     * The whole header field value a client sends: the key and its acknowledgement,
     * {@code <session>.<sequence>;ack=<acknowledged>}.
     *
     * @param acknowledged every reply of this session below this sequence has been received; 0 or more
     */
    public String field(long acknowledged) {
        if (acknowledged < 0 || acknowledged > MAX_SEQUENCE) {
            throw new IllegalArgumentException("An acknowledgement runs from 0 to " + MAX_SEQUENCE + "; got " + acknowledged);
        }
        return key().value() + ';' + IdempotencyHeaders.ACKNOWLEDGED + '=' + acknowledged;
    }
}

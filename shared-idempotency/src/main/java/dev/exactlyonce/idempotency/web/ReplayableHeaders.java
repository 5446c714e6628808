package dev.exactlyonce.idempotency.web;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.exactlyonce.idempotency.IdempotencyHeaders;

/**
 * Which response headers are stored and replayed. Always {@code Content-Type}, {@code Content-Language}
 * and {@code Location}, plus the configured ones. Headers that carry credentials or session state
 * ({@code Set-Cookie}, {@code Authorization}) or describe one connection (hop-by-hop headers) are never
 * stored: replaying them would hand one response's session or connection state to another.
 */
public final class ReplayableHeaders {

    /** Stored and replayed whatever is configured. */
    public static final List<String> ALWAYS = List.of("Content-Type", "Content-Language", "Location");

    /** Never stored, even when configured. */
    public static final Set<String> NEVER = names(List.of("Set-Cookie", "Set-Cookie2", "Authorization",
            "Proxy-Authorization", "Proxy-Authenticate", "Connection", "Keep-Alive", "TE", "Trailer",
            "Transfer-Encoding", "Upgrade", "Content-Length", IdempotencyHeaders.REPLAYED));

    private final Set<String> allowed;

    /**
     * @param extra further headers to replay, for example {@code ETag}
     * @throws IllegalArgumentException naming the header when {@code extra} holds one that is never stored
     */
    public ReplayableHeaders(Collection<String> extra) {
        for (String name : extra) {
            if (NEVER.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("The response header '" + name
                        + "' may not be replayed: it carries credentials, session or connection state");
            }
        }
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(ALWAYS);
        names.addAll(extra);
        this.allowed = names;
    }

    /** Whether the header is stored with the response. */
    public boolean replays(String name) {
        return allowed.contains(name) && !NEVER.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> names(List<String> names) {
        return Set.copyOf(names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
    }

    @Override
    public String toString() {
        return allowed.toString();
    }
}

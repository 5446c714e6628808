package dev.exactlyonce.gateway.keys;

import java.util.List;

import dev.exactlyonce.idempotency.IdempotencyHeaders;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The endpoints that de-duplicate by Idempotency-Key: every POST that creates something (an account, a
 * money movement). A key sent anywhere else is ignored by bank-service, so it protects nothing there,
 * and a POST to such a path is never retried.
 */
@Component
public class KeyedEndpoints {

    private final List<PathPattern> patterns;

    public KeyedEndpoints(IdempotencyKeyProperties properties) {
        this.patterns = properties.getKeyedPaths().stream().map(KeyedEndpoints::parse).toList();
    }

    private static PathPattern parse(String pattern) {
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException(
                    "gateway.idempotency.keyed-paths must hold path patterns starting with '/', not '" + pattern + "'");
        }
        return PathPatternParser.defaultInstance.parse(pattern);
    }

    /** Whether the request is a POST to an endpoint that de-duplicates by key. */
    public boolean isKeyed(ServerRequest request) {
        return HttpMethod.POST.equals(request.method())
                && patterns.stream().anyMatch(pattern -> pattern.matches(request.requestPath().pathWithinApplication()));
    }

    /** Whether the request is a POST to a keyed endpoint and carries a key (already checked for form). */
    public boolean carriesKey(ServerRequest request) {
        return isKeyed(request) && request.headers().firstHeader(IdempotencyHeaders.KEY) != null;
    }
}

package dev.exactlyonce.idempotency.web;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details written by the filter itself: it runs before Spring MVC, so the
 * application's exception handlers never see these. Written with the application's JSON mapper, so
 * they look like every other problem the application sends.
 */
final class ProblemResponses {

    static final String TYPE_BASE = "https://exactly-once.dev/problems/";

    private static final String PROBLEM_JSON = "application/problem+json";

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, Kind kind, String detail, Duration retryAfter) throws IOException {
        byte[] body = json.writeValueAsBytes(new Problem(URI.create(TYPE_BASE + kind.slug), kind.title,
                kind.status, detail));
        response.setStatus(kind.status);
        if (retryAfter != null) {
            response.setHeader("Retry-After", Long.toString(seconds(retryAfter)));
        }
        response.setContentType(PROBLEM_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Whole seconds, rounded up and at least one: "Retry-After: 0" invites a busy loop. */
    static long seconds(Duration duration) {
        long millis = duration.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** The problems the filter answers with; each has a stable type URI and fixed title. */
    enum Kind {

        KEY_MISSING(400, "idempotency-key-missing", "Idempotency-Key required"),
        KEY_INVALID(400, "idempotency-key-invalid", "Invalid Idempotency-Key"),
        PRINCIPAL_MISSING(401, "idempotency-principal-required", "Authentication required"),
        KEY_IN_USE(409, "idempotency-key-in-use", "Request with this Idempotency-Key still in progress"),
        KEY_ACKNOWLEDGED(410, "idempotency-key-acknowledged", "Idempotency-Key below the acknowledged sequence"),
        TOO_LARGE(413, "request-too-large", "Request too large"),
        KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key reused for a different request"),
        STORE_UNAVAILABLE(503, "idempotency-store-unavailable", "Idempotency store unavailable");

        final int status;
        final String slug;
        final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(URI type, String title, int status, String detail) {
    }
}

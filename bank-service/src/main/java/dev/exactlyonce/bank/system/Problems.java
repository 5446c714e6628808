package dev.exactlyonce.bank.system;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * RFC 9457 problem details with a stable {@code type} per kind of problem, and a way to write one
 * from a servlet filter, which runs before Spring MVC's exception handling.
 */
@Component
class Problems {

    private static final String TYPE_BASE = "https://exactly-once.dev/problems/";

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    static ProblemDetail of(HttpStatus status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + kind));
        problem.setTitle(title);
        return problem;
    }

    /**
     * The problem for a bare HTTP status, as Spring MVC or the container reports it (no endpoint, method
     * or media type not supported): the same stable types as everywhere else, never {@code about:blank}.
     */
    static ProblemDetail forStatus(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null) {
            known = status >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        return switch (known) {
            case NOT_FOUND -> of(known, "not-found", "Not found", detail != null ? detail : "There is nothing at this path");
            case METHOD_NOT_ALLOWED -> of(known, "method-not-allowed", "Method not allowed",
                    detail != null ? detail : "This path does not take that method");
            case NOT_ACCEPTABLE -> of(known, "not-acceptable", "Not acceptable",
                    detail != null ? detail : "Answers are application/json or application/problem+json");
            case UNSUPPORTED_MEDIA_TYPE -> of(known, "unsupported-media-type", "Unsupported media type",
                    detail != null ? detail : "Request bodies are application/json in UTF-8");
            case CONTENT_TOO_LARGE -> of(known, "request-too-large", "Request too large",
                    detail != null ? detail : "The request is too large");
            case UNAUTHORIZED -> of(known, "unauthorized", "Unauthorized", "A valid bearer token is required");
            case FORBIDDEN -> of(known, "forbidden", "Forbidden", "This token may not do that");
            case SERVICE_UNAVAILABLE -> of(known, "service-unavailable", "Service unavailable",
                    "The request was not completed; retry it later");
            default -> known.is5xxServerError()
                    ? of(known, "internal-error", "Internal error", "The request failed on our side")
                    : of(known, "invalid-request", "Invalid request", detail != null ? detail : "The request is not valid");
        };
    }

    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}

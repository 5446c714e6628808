package dev.exactlyonce.client.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.exactlyonce.json.JsonInput;
import dev.exactlyonce.json.servlet.BoundedRequest;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks every JSON body sent to client-app's own API ({@code /api/**}) against the rules the bank
 * applies too ({@link JsonInput}: UTF-8, strict JSON, no member named twice, printable text), before
 * anything parses it or the journal records it. The rule lives once, in {@code strict-json}; this is
 * only how client-app applies it and words its problems.
 */
@Component
@Order(ApiRequestFilter.ORDER)
class ApiRequestFilter extends OncePerRequestFilter {

    /** After Spring Security's filter chain (-100): the caller is known, nothing has run yet. */
    static final int ORDER = -95;

    /** Bodies of the API are small; anything larger is refused before it is read in full. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final JsonMapper json;

    ApiRequestFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MediaType type = jsonType(request.getContentType());
        if (type == null) {
            chain.doFilter(request, response);
            return;
        }
        String charset = type.getParameter("charset");
        if (charset != null && !charset.replace("\"", "").equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            write(response, ProblemHandler.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "JSON is accepted in UTF-8 only; leave out the charset parameter or say utf-8"));
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            write(response, ProblemHandler.problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large",
                    "The request body is over " + MAX_BODY_BYTES + " bytes"));
            return;
        }
        JsonInput.Violation violation = JsonInput.check(body);
        if (violation != null) {
            ProblemDetail problem = violation.kind() == JsonInput.Kind.TEXT
                    ? ProblemHandler.problem(HttpStatus.BAD_REQUEST, "invalid-text", "Text field not printable", violation.detail())
                    : ProblemHandler.problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", violation.detail());
            if (violation.field() != null) {
                problem.setProperty("field", violation.field());
            }
            write(response, problem);
            return;
        }
        chain.doFilter(BoundedRequest.of(request, body), response);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static MediaType jsonType(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json") ? type : null;
        } catch (InvalidMediaTypeException ex) {
            return null;
        }
    }
}

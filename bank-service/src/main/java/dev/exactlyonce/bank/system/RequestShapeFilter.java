package dev.exactlyonce.bank.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
 * Refuses, before anything runs, a request the API could not answer or must not read:
 * <ul>
 * <li>a method HTTP/1.1 APIs do not use here ({@code CONNECT}, WebDAV's, made-up ones) gets 405, where
 *     the servlet container would answer 501;</li>
 * <li>an API request whose {@code Accept} header excludes {@code application/json} gets 406 at once.
 *     Content negotiation in Spring MVC happens after the handler, so otherwise a debit would be
 *     carried out and then answered 406;</li>
 * <li>a JSON body must meet {@link JsonInput}'s rules (UTF-8, strict JSON, no member named twice,
 *     printable text), checked before anything parses it, so no endpoint and no new field can skip them;
 *     a charset other than UTF-8 is 415.</li>
 * </ul>
 * It runs after authentication and before the Idempotency-Key filter: a refused request never reaches
 * the key's record, so a corrected request may reuse its key.
 */
@Component
@Order(RequestShapeFilter.ORDER)
class RequestShapeFilter extends OncePerRequestFilter {

    /** After Spring Security's filter chain (-100), before the Idempotency-Key filter (-90). */
    static final int ORDER = -95;

    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE");

    private final Problems problems;

    RequestShapeFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!KNOWN_METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", "GET, POST");
            problems.write(response, Problems.forStatus(HttpStatus.METHOD_NOT_ALLOWED.value(), null));
            return;
        }
        if (request.getRequestURI().startsWith("/api/") && !acceptsJson(request.getHeaders("Accept"))) {
            problems.write(response, Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                    "The API answers with application/json; the Accept header must allow it"));
            return;
        }
        MediaType type = jsonType(request.getContentType());
        if (type == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!isUtf8(type)) {
            problems.write(response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "JSON is accepted in UTF-8 only; leave out the charset parameter or say utf-8"));
            return;
        }
        byte[] body;
        // Bounded already (RequestBodyLimit): a declared length was checked, a chunked body is counted.
        try (InputStream in = request.getInputStream()) {
            body = in.readAllBytes();
        }
        JsonInput.Violation violation = JsonInput.check(body);
        if (violation != null) {
            problems.write(response, problem(violation));
            return;
        }
        chain.doFilter(BoundedRequest.of(request, body), response);
    }

    static ProblemDetail problem(JsonInput.Violation violation) {
        ProblemDetail problem = violation.kind() == JsonInput.Kind.TEXT
                ? Problems.of(HttpStatus.BAD_REQUEST, "invalid-text", "Text field not printable", violation.detail())
                : Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", violation.detail());
        if (violation.field() != null) {
            problem.setProperty("field", violation.field());
        }
        return problem;
    }

    /** Whether the Accept headers allow application/json (no header allows everything). */
    static boolean acceptsJson(Enumeration<String> accept) {
        if (accept == null || !accept.hasMoreElements()) {
            return true;
        }
        List<MediaType> ranges = new ArrayList<>();
        try {
            while (accept.hasMoreElements()) {
                ranges.addAll(MediaType.parseMediaTypes(accept.nextElement()));
            }
        } catch (InvalidMediaTypeException ex) {
            return false;
        }
        if (ranges.isEmpty()) {
            return true;
        }
        boolean jsonExcluded = ranges.stream().anyMatch(range -> range.getQualityValue() == 0
                && range.isCompatibleWith(MediaType.APPLICATION_JSON) && !range.isWildcardType() && !range.isWildcardSubtype());
        return !jsonExcluded && ranges.stream()
                .anyMatch(range -> range.getQualityValue() > 0 && range.isCompatibleWith(MediaType.APPLICATION_JSON));
    }

    /** The content type if a JSON converter could read it (wildcards included), else {@code null}. */
    private static MediaType jsonType(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            boolean json = type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
            return json ? type : null;
        } catch (InvalidMediaTypeException ex) {
            return null;
        }
    }

    private static boolean isUtf8(MediaType type) {
        String charset = type.getParameter("charset");
        if (charset == null) {
            return true;
        }
        String name = charset.startsWith("\"") && charset.endsWith("\"") && charset.length() > 1
                ? charset.substring(1, charset.length() - 1) : charset;
        return StandardCharsets.UTF_8.name().equalsIgnoreCase(name) || "utf8".equalsIgnoreCase(name);
    }
}

package dev.exactlyonce.bank.system;

import java.io.IOException;
import java.time.Duration;

import dev.exactlyonce.requestid.RequestIds;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What the caller gets for an exception nobody expected: a problem without internals (no class names,
 * SQL or stack traces), carrying the request id that the one log line of the failure carries too.
 * A transient database failure is 503 with {@code Retry-After}; anything else is 500. Both are 5xx, so
 * the Idempotency-Key filter releases the key and the client's retry runs again, into the fence.
 */
@Component
class Failures {

    /** How long a client should wait before retrying after a transient database failure. */
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private final Problems problems;

    private final ConnectionPoolRenewal pool;

    Failures(Problems problems, ConnectionPoolRenewal pool) {
        this.problems = problems;
        this.pool = pool;
    }

    /** Logs the failure once and builds its answer. */
    ResponseEntity<ProblemDetail> answer(Throwable failure, HttpServletRequest request) {
        Throwable cause = unwrap(failure);
        String requestId = RequestIdFilter.of(request);
        if (DatabaseFailures.isTransient(cause)) {
            pool.afterFailure(cause);
            // One line, no stack trace: during an outage every request fails the same way.
            log.warn("Database unavailable for {} {} (request {}, SQLSTATE {}): {}", request.getMethod(),
                    request.getRequestURI(), requestId, DatabaseFailures.sqlState(cause), cause.toString());
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                    "Database unavailable", "The request was not completed; retry it with the same Idempotency-Key");
            problem.setProperty("requestId", requestId);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(DATABASE_RETRY_AFTER.toSeconds()))
                    .body(problem);
        }
        log.error("Unexpected failure of {} {} (request {})", request.getMethod(), request.getRequestURI(), requestId,
                cause);
        return ResponseEntity.internalServerError().body(internalError(requestId));
    }

    /** Writes the answer for a failure thrown by a filter, unless the response is already under way. */
    void write(Throwable failure, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResponseEntity<ProblemDetail> answer = answer(failure, request);
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setHeader(RequestIds.HEADER, RequestIdFilter.of(request));
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        problems.write(response, answer.getBody());
    }

    /** A 500 problem that says nothing about the cause. */
    static ProblemDetail internalError(String requestId) {
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed on our side; quote the request id when reporting it");
        problem.setProperty("requestId", requestId);
        return problem;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof ServletException servlet && servlet.getRootCause() != null && servlet.getRootCause() != cause) {
            cause = servlet.getRootCause();
        }
        return cause;
    }
}

package dev.exactlyonce.client.system;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import dev.exactlyonce.client.bank.AccountKeyReusedException;
import dev.exactlyonce.client.bank.BankReadRefusedException;
import dev.exactlyonce.client.bank.BankUnavailableException;
import dev.exactlyonce.client.operation.InvalidOperationException;
import dev.exactlyonce.client.operation.OperationKeyReusedException;
import dev.exactlyonce.client.operation.OperationNotFoundException;
import dev.exactlyonce.client.security.UnknownUserException;
import dev.exactlyonce.idempotency.InvalidIdempotencyKeyException;
import dev.exactlyonce.json.PrintableText;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps client-app's failures to RFC 9457 problems with a stable type; per-request text goes in {@code detail}. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private static final String TYPE_BASE = "https://exactly-once.dev/problems/client/";

    @ExceptionHandler
    ProblemDetail invalidOperation(InvalidOperationException ex) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-operation", "Invalid operation", ex.getMessage());
    }

    /** A key used before for something else: by this user's journal, or by the bank for an account opening. */
    @ExceptionHandler({ OperationKeyReusedException.class, AccountKeyReusedException.class })
    ProblemDetail keyReused(RuntimeException ex) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency-Key reused for a different operation", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidKey(InvalidIdempotencyKeyException ex) {
        return problem(HttpStatus.BAD_REQUEST, "idempotency-key-invalid", "Invalid Idempotency-Key", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail operationNotFound(OperationNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "operation-not-found", "Operation not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownUser(UnknownUserException ex) {
        return problem(HttpStatus.FORBIDDEN, "no-bank-token", "No bank token for this user", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> bankUnavailable(BankUnavailableException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "bank-unavailable", "Bank unavailable", ex.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail bankRefused(BankReadRefusedException ex) {
        // The caller's own mistakes (a bad currency, an account that is not theirs, a business refusal) stay
        // 4xx for the caller; any other refusal (401/403: client-app's own token) is client-app's fault.
        HttpStatus status = switch (ex.status()) {
            case 400 -> HttpStatus.BAD_REQUEST;
            case 404 -> HttpStatus.NOT_FOUND;
            case 422 -> HttpStatus.UNPROCESSABLE_CONTENT;
            default -> HttpStatus.BAD_GATEWAY;
        };
        return problem(status, "bank-refused", "The bank refused the request", ex.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-operation", "Invalid operation",
                "The body is not a valid operation: amounts are whole minor units, type is CREDIT, DEBIT or TRANSFER, "
                        + "ids are UUIDs, text is a JSON string");
        if (ex.getMostSpecificCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().get(jackson.getPath().size() - 1).getPropertyName();
            if (field != null && PrintableText.isPrintable(field)) {
                problem.setDetail("'" + field + "' has an invalid value. " + problem.getDetail());
                problem.setProperty("field", "/" + field);
            }
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * Anything unexpected on the JSON API: a 500 problem without internals, logged once. Elsewhere (the
     * dashboard) the exception goes on to the dashboard's own handling.
     */
    @ExceptionHandler
    ProblemDetail unexpected(Exception ex, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith("/api/") || ex instanceof AccessDeniedException
                || ex instanceof AuthenticationException) {
            throw ex;
        }
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed on our side");
    }

    static ProblemDetail problem(HttpStatus status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + kind));
        problem.setTitle(title);
        return problem;
    }
}

package dev.exactlyonce.client.system;

import java.net.URI;

import dev.exactlyonce.client.bank.AccountKeyReusedException;
import dev.exactlyonce.client.bank.BankReadRefusedException;
import dev.exactlyonce.client.bank.BankUnavailableException;
import dev.exactlyonce.client.bank.InvalidIdempotencyKeyException;
import dev.exactlyonce.client.operation.IdempotencyKeyReusedException;
import dev.exactlyonce.client.operation.InvalidOperationException;
import dev.exactlyonce.client.operation.OperationNotFoundException;
import dev.exactlyonce.client.security.UnknownUserException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps client-app's failures to RFC 9457 problems with a stable type; per-request text goes in {@code detail}. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final String TYPE_BASE = "https://exactly-once.dev/problems/client/";

    @ExceptionHandler
    ProblemDetail invalidOperation(InvalidOperationException ex) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-operation", "Invalid operation", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency-Key reused for a different operation", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidKey(InvalidIdempotencyKeyException ex) {
        return problem(HttpStatus.BAD_REQUEST, "idempotency-key-invalid", "Invalid Idempotency-Key", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail accountKeyReused(AccountKeyReusedException ex) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency-Key reused for a different operation", ex.getMessage());
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
        HttpStatus status = ex.status() == 404 ? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY;
        return problem(status, "bank-refused", "The bank refused the request", ex.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-operation",
                "Invalid operation", "The body is not a valid operation: amounts are whole minor units, "
                        + "type is CREDIT, DEBIT or TRANSFER, ids are UUIDs"));
    }

    private static ProblemDetail problem(HttpStatus status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + kind));
        problem.setTitle(title);
        return problem;
    }
}

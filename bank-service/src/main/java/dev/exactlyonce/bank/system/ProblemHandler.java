package dev.exactlyonce.bank.system;

import java.util.stream.Collectors;

import dev.exactlyonce.bank.account.AccountNotFoundException;
import dev.exactlyonce.bank.account.OverdraftLimitBelowBalanceException;
import dev.exactlyonce.bank.fence.IdempotencyKeyReusedException;
import dev.exactlyonce.bank.fence.IdempotencyKeys;
import dev.exactlyonce.bank.fence.InvalidIdempotencyKeyException;
import dev.exactlyonce.bank.ledger.BalanceLimitExceededException;
import dev.exactlyonce.bank.ledger.InsufficientFundsException;
import dev.exactlyonce.bank.ledger.OperationNotFoundException;
import dev.exactlyonce.bank.ledger.SameAccountTransferException;
import dev.exactlyonce.bank.money.CurrencyMismatchException;
import dev.exactlyonce.bank.money.UnknownCurrencyException;
import jakarta.validation.ConstraintViolationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps every failure to an RFC 9457 problem with a stable type; per-request text goes in {@code detail}. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> insufficientFunds(InsufficientFundsException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "insufficient-funds", "Insufficient funds",
                ex.getMessage());
        problem.setProperty("operationId", ex.operationId());
        ResponseEntity.BodyBuilder response = ResponseEntity.unprocessableContent();
        if (ex.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(problem);
    }

    @ExceptionHandler
    ProblemDetail accountNotFound(AccountNotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "account-not-found", "Account not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail operationNotFound(OperationNotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "operation-not-found", "Operation not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownCurrency(UnknownCurrencyException ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, "unknown-currency", "Unknown currency", ex.getMessage());
    }

    /** A refusal of the request itself, before anything ran: 400, so the fence keeps nothing and the key stays usable. */
    @ExceptionHandler
    ProblemDetail currencyMismatch(CurrencyMismatchException ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, "currency-mismatch", "Currency does not match the account",
                ex.getMessage());
    }

    /** A business outcome recorded as a rejected operation, replayed like insufficient funds. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> balanceLimit(BalanceLimitExceededException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "balance-limit-exceeded",
                "Balance limit exceeded", ex.getMessage());
        problem.setProperty("operationId", ex.operationId());
        ResponseEntity.BodyBuilder response = ResponseEntity.unprocessableContent();
        if (ex.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(problem);
    }

    @ExceptionHandler
    ProblemDetail overdraftLimitBelowBalance(OverdraftLimitBelowBalanceException ex) {
        return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "overdraft-limit-below-balance",
                "Overdraft limit below the balance", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail sameAccount(SameAccountTransferException ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidKey(InvalidIdempotencyKeyException ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, "idempotency-key-invalid", "Invalid Idempotency-Key", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
        return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency-Key reused for a different request", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail constraintViolation(ConstraintViolationException ex) {
        String detail = ex.getConstraintViolations().stream()
                .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return invalidRequest(detail);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted().collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(invalidRequest(detail));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage()))
                .sorted().collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(invalidRequest(detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalidRequest(unreadableBodyDetail(ex)));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing && IdempotencyKeys.HEADER.equalsIgnoreCase(missing.getHeaderName())) {
            return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "idempotency-key-missing",
                    "Idempotency-Key required",
                    "This request needs an Idempotency-Key header, the same on every retry of one operation"));
        }
        return ResponseEntity.badRequest().body(invalidRequest(ex.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
        return invalidRequest("'" + ex.getName() + "' has an invalid value");
    }

    private static ProblemDetail invalidRequest(String detail) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }

    /** Says which field was wrong without echoing parser internals such as Java type names. */
    private static String unreadableBodyDetail(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "': it cannot be set by a request";
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().get(jackson.getPath().size() - 1).getPropertyName();
            if ("amount".equals(field)) {
                return "'amount' must be a whole number of minor units between 1 and 10^15, written as a JSON integer";
            }
            return "'" + field + "' has a value of the wrong type";
        }
        return "The request body is not valid JSON";
    }
}

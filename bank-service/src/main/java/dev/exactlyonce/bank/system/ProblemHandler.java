package dev.exactlyonce.bank.system;

import java.util.List;
import java.util.stream.Collectors;

import dev.exactlyonce.bank.account.AccountNotFoundException;
import dev.exactlyonce.bank.account.OverdraftLimitBelowBalanceException;
import dev.exactlyonce.bank.fence.AcknowledgedKeyException;
import dev.exactlyonce.bank.fence.FingerprintMismatchException;
import dev.exactlyonce.bank.fence.ReplayedAnswer;
import dev.exactlyonce.bank.ledger.BalanceLimitExceededException;
import dev.exactlyonce.bank.ledger.InsufficientFundsException;
import dev.exactlyonce.bank.ledger.OperationNotFoundException;
import dev.exactlyonce.bank.ledger.SameAccountTransferException;
import dev.exactlyonce.bank.ledger.StoredRefusalException;
import dev.exactlyonce.bank.money.CurrencyMismatchException;
import dev.exactlyonce.bank.money.UnknownCurrencyException;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import dev.exactlyonce.idempotency.InvalidIdempotencyKeyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to an RFC 9457 problem with a stable type; per-request text goes in {@code detail}.
 * Spring MVC's own refusals (no endpoint, method, media type) get the same types instead of
 * {@code about:blank}, and an exception nobody expected becomes a 500 or 503 problem without internals
 * ({@link Failures}).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    /**
     * The refusals the domain throws, each with its problem's status, type and fixed title; the exception's
     * message is the detail.
     */
    private static final List<Refusal> REFUSALS = List.of(
            new Refusal(AccountNotFoundException.class, HttpStatus.NOT_FOUND, "account-not-found", "Account not found"),
            new Refusal(OperationNotFoundException.class, HttpStatus.NOT_FOUND, "operation-not-found", "Operation not found"),
            new Refusal(UnknownCurrencyException.class, HttpStatus.BAD_REQUEST, "unknown-currency", "Unknown currency"),
            // A refusal of the request itself, before anything ran: 400, so the fence keeps nothing and the key
            // stays usable.
            new Refusal(CurrencyMismatchException.class, HttpStatus.BAD_REQUEST, "currency-mismatch",
                    "Currency does not match the account"),
            new Refusal(OverdraftLimitBelowBalanceException.class, HttpStatus.UNPROCESSABLE_CONTENT,
                    "overdraft-limit-below-balance", "Overdraft limit below the balance"),
            new Refusal(SameAccountTransferException.class, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request"),
            new Refusal(InvalidIdempotencyKeyException.class, HttpStatus.BAD_REQUEST, "idempotency-key-invalid",
                    "Invalid Idempotency-Key"),
            new Refusal(FingerprintMismatchException.class, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency-Key reused for a different request"),
            // 410, as the Idempotency-Key filter answers it: one of its unstored statuses, so nothing is kept.
            new Refusal(AcknowledgedKeyException.class, HttpStatus.GONE, "idempotency-key-acknowledged",
                    "Idempotency-Key below the acknowledged sequence"));

    private final Failures failures;

    ProblemHandler(Failures failures) {
        this.failures = failures;
    }

    /**
     * A refusal of {@link #REFUSALS}, or anything no other handler maps. Security exceptions are left to
     * Spring Security's own handling (401/403 problems), everything else is logged once and answered
     * without internals.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> refusalOrFailure(Exception ex, HttpServletRequest request) throws Exception {
        for (Refusal refusal : REFUSALS) {
            if (refusal.type().isInstance(ex)) {
                return ResponseEntity.status(refusal.status())
                        .body(Problems.of(refusal.status(), refusal.kind(), refusal.title(), ex.getMessage()));
            }
        }
        if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
            throw ex;
        }
        return failures.answer(ex, request);
    }

    /** Gives Spring MVC's own problems (404, 405, 406, 415, ...) the service's stable types. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (statusCode.is5xxServerError() && request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            ResponseEntity<ProblemDetail> answer = failures.answer(ex, servletRequest);
            return ResponseEntity.status(answer.getStatusCode()).headers(headers).headers(answer.getHeaders())
                    .body(answer.getBody());
        }
        ProblemDetail problem = body instanceof ProblemDetail given ? given
                : body == null && ex instanceof ErrorResponse response ? response.getBody() : null;
        if (problem != null && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            String detail = ex instanceof NoResourceFoundException ? null : problem.getDetail();
            body = Problems.forStatus(statusCode.value(), detail);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> insufficientFunds(InsufficientFundsException ex) {
        return storedRefusal(ex, "insufficient-funds", "Insufficient funds");
    }

    /** A business outcome recorded as a rejected operation, replayed like insufficient funds. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> balanceLimit(BalanceLimitExceededException ex) {
        return storedRefusal(ex, "balance-limit-exceeded", "Balance limit exceeded");
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
        if (ex instanceof MissingRequestHeaderException missing && IdempotencyHeaders.KEY.equalsIgnoreCase(missing.getHeaderName())) {
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

    /** 422 naming the operation that records the refusal; a replay says so, as a replayed success does. */
    private static ResponseEntity<ProblemDetail> storedRefusal(StoredRefusalException ex, String kind, String title) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, kind, title, ex.getMessage());
        problem.setProperty("operationId", ex.operationId());
        return ReplayedAnswer.mark(ResponseEntity.unprocessableContent(), ex.replayed()).body(problem);
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

    /** A refusal the domain throws, and the problem it is answered with. */
    private record Refusal(Class<? extends RuntimeException> type, HttpStatus status, String kind, String title) {
    }
}

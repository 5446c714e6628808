package dev.exactlyonce.client.bank;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.exactlyonce.idempotency.IdempotencyHeaders;
import feign.FeignException;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Single attempts at the bank. Each public method is one attempt; Resilience4j's aspects around it repeat
 * it (Retry, outermost) and count it (CircuitBreaker, around every attempt). The Idempotency-Key comes in
 * with the movement and is the same on every repetition, because the aspects re-invoke this method with
 * the same arguments.
 */
@Component
class BankCalls {

    private final BankApiClient api;

    private final Clock clock;

    private final boolean acknowledge;

    BankCalls(BankApiClient api, Clock clock, BankProperties properties) {
        this.api = api;
        this.clock = clock;
        this.acknowledge = properties.acknowledge();
    }

    /** One attempt at a money movement; throws a {@link BankAttemptException} unless the bank said 2xx. */
    @Retry(name = "bankWrites")
    @CircuitBreaker(name = "bank")
    public Reply move(MoneyMovement movement, String authorization, Instant deadline, AttemptListener listener) {
        listener.attemptStarted(clock.instant());
        ResponseEntity<Wire.Operation> response;
        try {
            response = send(movement, authorization);
        } catch (BankHttpException ex) {
            BankAttemptException failure = classify(ex, deadline);
            listener.attemptFinished(ex.status(), failure instanceof RefusedAttemptException ? null : ex.getMessage(),
                    ex.replayed());
            throw failure;
        } catch (FeignException ex) {
            InDoubtAttemptException failure = new InDoubtAttemptException(describe(ex), null, null, deadline, ex);
            listener.attemptFinished(null, failure.getMessage(), false);
            throw failure;
        }
        boolean replayed = "true".equalsIgnoreCase(response.getHeaders().getFirst(IdempotencyHeaders.REPLAYED));
        Wire.Operation operation = response.getBody();
        if (operation == null || operation.operationId() == null) {
            String error = "HTTP " + response.getStatusCode().value() + " without an operation in the body";
            listener.attemptFinished(response.getStatusCode().value(), error, replayed);
            throw new InDoubtAttemptException(error, response.getStatusCode().value(), null, deadline, null);
        }
        listener.attemptFinished(response.getStatusCode().value(), null, replayed);
        return new Reply(operation, response.getStatusCode().value(), replayed);
    }

    /** One attempt at a read, which is safe to repeat. */
    @Retry(name = "bankReads")
    @CircuitBreaker(name = "bank")
    public <T> T read(Function<BankApiClient, T> call, Instant deadline) {
        return attempt(() -> call.apply(api), deadline);
    }

    /**
     * One attempt at opening an account under the opening's key. The bank keeps the first outcome for the
     * key, so repeating this attempt (Retry, like a money movement) opens one account at most and a repeat
     * after a lost reply answers with the account the first attempt opened ({@code Idempotent-Replayed}), which
     * is as good an answer as the first.
     */
    @Retry(name = "bankWrites")
    @CircuitBreaker(name = "bank")
    public AccountView openAccount(String authorization, String idempotencyKey, Wire.OpenAccountRequest request,
            Instant deadline) {
        ResponseEntity<AccountView> response = attempt(() -> api.openAccount(authorization, idempotencyKey, request),
                deadline);
        AccountView account = response.getBody();
        if (account == null || account.id() == null) {
            throw new InDoubtAttemptException("HTTP " + response.getStatusCode().value()
                    + " without an account in the body", response.getStatusCode().value(), null, deadline, null);
        }
        return account;
    }

    /** Calls the bank once; any failure comes out classified for the retry and the circuit breaker. */
    private <T> T attempt(Supplier<T> call, Instant deadline) {
        try {
            return call.get();
        } catch (BankHttpException ex) {
            throw classify(ex, deadline);
        } catch (FeignException ex) {
            throw new InDoubtAttemptException(describe(ex), null, null, deadline, ex);
        }
    }

    private ResponseEntity<Wire.Operation> send(MoneyMovement movement, String authorization) {
        String key = movement.headerField(acknowledge);
        return switch (movement.kind()) {
            case CREDIT -> api.credit(authorization, key, movement.accountId(),
                    new Wire.MoneyRequest(movement.amount(), movement.currency(), movement.description()));
            case DEBIT -> api.debit(authorization, key, movement.accountId(),
                    new Wire.MoneyRequest(movement.amount(), movement.currency(), movement.description()));
            case TRANSFER -> api.transfer(authorization, key, new Wire.TransferRequest(movement.accountId(),
                    movement.toAccountId(), movement.amount(), movement.currency(), movement.description()));
        };
    }

    /**
     * The retry policy in one place: 5xx is "maybe it happened, ask again"; 409 (the first attempt is still
     * running) and 429 are "come back later"; every other 4xx is a definite answer.
     */
    private BankAttemptException classify(BankHttpException ex, Instant deadline) {
        int status = ex.status();
        if (status >= 500) {
            return new InDoubtAttemptException("HTTP " + status + " " + ex.getMessage(), status,
                    RetryAfter.parse(ex.retryAfter(), clock.instant()), deadline, ex);
        }
        if (status == 409 || status == 429) {
            return new BusyAttemptException("HTTP " + status + " " + ex.getMessage(), status, RetryAfter.parse(ex.retryAfter(), clock.instant()),
                    deadline, ex);
        }
        return new RefusedAttemptException(ex, deadline);
    }

    /** "read timeout (SocketTimeoutException)": the root cause is what a person needs to see. */
    private static String describe(FeignException ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : message + " (" + kind + ")";
    }

    /** A 2xx reply to a money movement. */
    record Reply(Wire.Operation operation, int httpStatus, boolean replayed) {
    }
}

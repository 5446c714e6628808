package dev.exactlyonce.client.bank;

import java.time.Duration;
import java.time.Instant;

/**
 * One failed attempt at calling the bank, classified for the retry policy and the circuit breaker:
 * {@link InDoubtAttemptException}, {@link BusyAttemptException} or {@link RefusedAttemptException}. The
 * subclasses are named in {@code resilience4j.retry} and {@code resilience4j.circuitbreaker} properties.
 * They never leave this package: a round of attempts ends in a {@link MovementResult}, an answer, or a
 * {@link BankUnavailableException}.
 */
abstract class BankAttemptException extends RuntimeException {

    private final Integer httpStatus;

    private final Duration retryAfter;

    private final Instant deadline;

    BankAttemptException(String message, Integer httpStatus, Duration retryAfter, Instant deadline, Throwable cause) {
        super(message, cause, false, false);
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
        this.deadline = deadline;
    }

    /** The HTTP status of the reply, or {@code null} when there was none (timeout, reset, empty reply). */
    Integer httpStatus() {
        return httpStatus;
    }

    /** How long the bank asked us to wait before the next attempt; zero when it did not say. */
    Duration retryAfter() {
        return retryAfter;
    }

    /** No attempt of this round may start after this instant: the total-time bound of the retry. */
    Instant deadline() {
        return deadline;
    }
}

package dev.exactlyonce.client.bank;

import java.time.Duration;
import java.time.Instant;

/**
 * 409 (an attempt with this key is still running) or 429 (slow down): the bank is healthy and asks us to
 * come back later. Retried, but not held against the bank by the circuit breaker.
 */
final class BusyAttemptException extends BankAttemptException {

    BusyAttemptException(String message, int httpStatus, Duration retryAfter, Instant deadline, Throwable cause) {
        super(message, httpStatus, retryAfter, deadline, cause);
    }
}

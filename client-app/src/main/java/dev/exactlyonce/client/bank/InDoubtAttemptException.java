package dev.exactlyonce.client.bank;

import java.time.Duration;
import java.time.Instant;

/**
 * One attempt without a definite answer: no answer we can read (connect or read timeout, connection reset, empty reply, undecodable body) or a
 * 5xx: the operation may or may not have happened. Retried, and counted as a failure by the circuit breaker.
 */
final class InDoubtAttemptException extends BankAttemptException {

    InDoubtAttemptException(String message, Integer httpStatus, Duration retryAfter, Instant deadline,
            Throwable cause) {
        super(message, httpStatus, retryAfter, deadline, cause);
    }
}

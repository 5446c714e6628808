package dev.exactlyonce.client.bank;

/**
 * A whole round of attempts at a read or an account opening ended without a definite answer in time, or
 * the circuit breaker refused to call the bank at all. What callers see; a single attempt without a definite
 * answer is an {@link InDoubtAttemptException}, which the retry handles.
 */
public class BankUnavailableException extends RuntimeException {

    BankUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

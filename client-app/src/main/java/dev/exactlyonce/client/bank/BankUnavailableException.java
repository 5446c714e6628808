package dev.exactlyonce.client.bank;

/** The bank gave no usable answer to a read in time, or the circuit breaker is open. */
public class BankUnavailableException extends RuntimeException {

    BankUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

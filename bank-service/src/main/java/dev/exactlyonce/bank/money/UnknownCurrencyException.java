package dev.exactlyonce.bank.money;

/** A currency code that is not a known ISO 4217 currency with minor units. */
public class UnknownCurrencyException extends RuntimeException {

    public UnknownCurrencyException(String code) {
        super("'" + code + "' is not a known ISO 4217 currency code");
    }
}

package dev.exactlyonce.bank.money;

/** An amount in one currency applied to an account kept in another. */
public class CurrencyMismatchException extends RuntimeException {

    public CurrencyMismatchException(String requested, String account) {
        super("The amount is in " + requested + " but the account is kept in " + account);
    }
}

package dev.exactlyonce.bank.account;

/** A credit that would take a balance beyond the largest one the bank keeps. */
public class BalanceLimitExceededException extends RuntimeException {

    public BalanceLimitExceededException() {
        super("The credit would take the balance beyond the largest balance an account may hold");
    }
}

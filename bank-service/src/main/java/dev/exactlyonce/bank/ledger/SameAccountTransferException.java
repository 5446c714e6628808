package dev.exactlyonce.bank.ledger;

/** A transfer whose source and destination are the same account. */
public class SameAccountTransferException extends RuntimeException {

    SameAccountTransferException() {
        super("A transfer needs two different accounts");
    }
}

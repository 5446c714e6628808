package dev.exactlyonce.client.bank;

/** The bank refused a read with a 4xx, for example an account that is not the user's. */
public class BankReadRefusedException extends RuntimeException {

    private final int status;

    BankReadRefusedException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The bank's HTTP status. */
    public int status() {
        return status;
    }
}

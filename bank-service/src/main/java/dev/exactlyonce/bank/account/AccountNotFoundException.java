package dev.exactlyonce.bank.account;

import java.util.UUID;

/**
 * No account with this id that the caller may use. Someone else's account answers exactly like a
 * missing one, so ids cannot be probed.
 */
public class AccountNotFoundException extends RuntimeException {

    public AccountNotFoundException(UUID id) {
        super("No account " + id);
    }
}

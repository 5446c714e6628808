package dev.exactlyonce.bank.account;

import java.util.UUID;

/**
 * A new overdraft limit that the account already uses more of: the balance is below minus the limit.
 * Nothing is changed; the operator may set a limit the balance fits in, or wait for the customer to
 * pay back.
 */
public class OverdraftLimitBelowBalanceException extends RuntimeException {

    OverdraftLimitBelowBalanceException(UUID account, long balance, long limit) {
        super("Account " + account + " has a balance of " + balance + " (minor units), below the requested overdraft limit of "
                + limit + "; a limit of at least " + -balance + " is needed");
    }
}

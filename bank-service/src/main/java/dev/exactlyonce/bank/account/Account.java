package dev.exactlyonce.bank.account;

import java.time.Instant;
import java.util.UUID;

import dev.exactlyonce.bank.money.Amounts;

/** A customer's account as stored; never sent over HTTP as it is. */
public record Account(UUID id, String owner, String currency, long balance, long overdraftLimit, Instant createdAt) {

    /** Whether the balance may go down by {@code amount} without passing the overdraft limit. */
    public boolean canDebit(long amount) {
        return balance - amount >= -overdraftLimit;
    }

    /** Whether the balance may go up by {@code amount} without passing {@link Amounts#MAX_BALANCE}. */
    public boolean canCredit(long amount) {
        return balance <= Amounts.MAX_BALANCE - amount;
    }
}

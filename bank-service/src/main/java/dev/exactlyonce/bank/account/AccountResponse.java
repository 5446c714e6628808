package dev.exactlyonce.bank.account;

import java.time.Instant;
import java.util.UUID;

/** An account as the owner sees it; amounts in minor units. */
record AccountResponse(UUID id, String currency, long balance, long overdraftLimit, Instant createdAt) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.id(), account.currency(), account.balance(), account.overdraftLimit(),
                account.createdAt());
    }

    /**
     * The account as it was opened: balance 0 and no overdraft (only an operator grants one, later).
     * Built from facts that never change, so the answer to an opening and every replay of it are the
     * same bytes however the account has moved since, as the Redis fast path's replay is.
     */
    static AccountResponse asOpened(Account account) {
        return new AccountResponse(account.id(), account.currency(), 0, Accounts.OPENING_OVERDRAFT_LIMIT,
                account.createdAt());
    }
}

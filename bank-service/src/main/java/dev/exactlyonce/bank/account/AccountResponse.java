package dev.exactlyonce.bank.account;

import java.time.Instant;
import java.util.UUID;

/** An account as the owner sees it; amounts in minor units. */
record AccountResponse(UUID id, String currency, long balance, long overdraftLimit, Instant createdAt) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.id(), account.currency(), account.balance(), account.overdraftLimit(),
                account.createdAt());
    }
}

package dev.exactlyonce.bank.account;

import java.util.List;
import java.util.UUID;

import dev.exactlyonce.bank.fence.IdempotencyFence;
import dev.exactlyonce.bank.fence.IdempotencyFence.Target;
import dev.exactlyonce.bank.fence.CommandFingerprint;
import dev.exactlyonce.bank.fence.Transactions;
import dev.exactlyonce.idempotency.IdempotencyKey;

import org.springframework.stereotype.Service;

/**
 * What the account endpoints do: opening accounts (exactly once per key), reading a customer's own
 * accounts, and the operators' decisions on overdraft limits.
 */
@Service
class AccountService {

    private final Accounts accounts;

    private final IdempotencyFence.Gate fence;

    private final Transactions transactions;

    AccountService(Accounts accounts, IdempotencyFence fence, Transactions transactions) {
        this.accounts = accounts;
        this.fence = fence.guarding(Target.ACCOUNT);
        this.transactions = transactions;
    }

    /**
     * Opens an account behind the fence: the fence row and the account commit together, so a second
     * request with the key, even one that slipped past Redis, finds the account instead of opening one.
     *
     * @param currency an ISO 4217 code already checked by {@code Currencies}
     */
    Opened open(String client, IdempotencyKey key, String currency) {
        String fingerprint = CommandFingerprint.of("OPEN_ACCOUNT", currency);
        return fence.run(client, key, fingerprint, () -> accounts.open(client, currency).id(),
                fenced -> new Opened(accounts.get(fenced.id()), fenced.replayed()));
    }

    List<Account> ownedBy(String owner) {
        return accounts.ownedBy(owner);
    }

    /** The caller's own account; a foreign account is not found, like a missing one. */
    Account owned(UUID accountId, String owner) {
        return accounts.owned(accountId, owner);
    }

    /**
     * Sets an account's overdraft limit, under the account's row lock so no movement runs in between.
     * Setting the limit it already has records nothing: the PUT is "set to this value", and a repeat of
     * it changes nothing, which is why it needs no Idempotency-Key.
     *
     * @throws AccountNotFoundException for an unknown id (or a settlement account)
     * @throws OverdraftLimitBelowBalanceException when the balance is already below {@code -limit}
     */
    Account setOverdraftLimit(UUID accountId, long limit, String operator) {
        return transactions.inTransaction(() -> {
            Account account = accounts.lock(List.of(accountId)).get(accountId);
            if (account == null) {
                throw new AccountNotFoundException(accountId);
            }
            if (account.overdraftLimit() == limit) {
                return account;
            }
            return accounts.changeOverdraftLimit(account, limit, operator)
                    .orElseThrow(() -> new OverdraftLimitBelowBalanceException(accountId, account.balance(), limit));
        });
    }

    /** The account an opening stands for, and whether this answer replays an earlier opening. */
    record Opened(Account account, boolean replayed) {
    }
}

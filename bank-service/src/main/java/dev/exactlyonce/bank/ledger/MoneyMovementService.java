package dev.exactlyonce.bank.ledger;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.exactlyonce.bank.account.Account;
import dev.exactlyonce.bank.account.AccountNotFoundException;
import dev.exactlyonce.bank.account.Accounts;
import dev.exactlyonce.bank.fence.IdempotencyFence;
import dev.exactlyonce.bank.fence.CommandFingerprint;
import dev.exactlyonce.bank.ledger.Ledger.NewOperation;
import dev.exactlyonce.bank.money.Currencies;
import dev.exactlyonce.bank.money.CurrencyMismatchException;
import dev.exactlyonce.idempotency.IdempotencyKey;

import org.springframework.stereotype.Service;

/**
 * Credits, debits and transfers. Each runs in one transaction that takes the fence, locks the
 * accounts, changes balances and records the operation, so either all of it happens once or none of it.
 *
 * <p>Two kinds of "no": a request that is wrong in itself (an account the client cannot use, 404; an
 * amount in another currency than the account's, 400) throws, which rolls the fence row back, so the
 * corrected request may use the key again. A refusal that depends on the account's state when the
 * request ran (insufficient funds, the balance cap) is a business outcome: it is recorded as a REJECTED
 * operation, without ledger entries, and every retry with the key gets the same refusal.
 */
@Service
class MoneyMovementService {

    private final Accounts accounts;

    private final IdempotencyFence.Gate fence;

    private final Ledger ledger;

    MoneyMovementService(Accounts accounts, IdempotencyFence fence, Ledger ledger) {
        this.accounts = accounts;
        this.fence = fence.guarding(IdempotencyFence.Target.OPERATION);
        this.ledger = ledger;
    }

    FencedOperation credit(String client, IdempotencyKey key, UUID accountId, MoneyRequest request) {
        return withSettlement(OperationType.CREDIT, client, key, accountId, request);
    }

    FencedOperation debit(String client, IdempotencyKey key, UUID accountId, MoneyRequest request) {
        return withSettlement(OperationType.DEBIT, client, key, accountId, request);
    }

    /**
     * A credit or a debit: money between the account and the settlement account of its currency, which
     * stands for the world outside the bank. A credit is refused at the balance cap, a debit at the
     * overdraft limit.
     */
    private FencedOperation withSettlement(OperationType type, String client, IdempotencyKey key, UUID accountId,
            MoneyRequest request) {
        String currency = Currencies.require(request.currency()).getCurrencyCode();
        String fingerprint = CommandFingerprint.of(type.name(), accountId, request.amount(), currency, request.description());
        boolean credit = type == OperationType.CREDIT;
        long change = credit ? request.amount() : -request.amount();
        return fenced(client, key, fingerprint, () -> {
            Account account = lockOwned(accountId, client);
            requireCurrency(account, currency);
            NewOperation operation = new NewOperation(client, key, type, OperationStatus.COMPLETED, null, accountId, null,
                    request.amount(), currency, request.description());
            if (credit ? !account.canCredit(request.amount()) : !account.canDebit(request.amount())) {
                return ledger.record(operation.rejected(credit ? Rejection.BALANCE_LIMIT_EXCEEDED : Rejection.INSUFFICIENT_FUNDS),
                        List.of());
            }
            long balance = accounts.changeBalance(account, change);
            return ledger.record(operation, List.of(new LedgerEntry(accountId, change, balance),
                    new LedgerEntry(Accounts.settlementAccount(currency), -change, null)));
        });
    }

    FencedOperation transfer(String client, IdempotencyKey key, TransferRequest request) {
        if (request.fromAccountId().equals(request.toAccountId())) {
            throw new SameAccountTransferException();
        }
        String currency = Currencies.require(request.currency()).getCurrencyCode();
        String fingerprint = CommandFingerprint.of("TRANSFER", request.fromAccountId(), request.toAccountId(),
                request.amount(), currency, request.description());
        return fenced(client, key, fingerprint, () -> {
            Map<UUID, Account> locked = accounts.lock(List.of(request.fromAccountId(), request.toAccountId()));
            Account from = locked.get(request.fromAccountId());
            Account to = locked.get(request.toAccountId());
            if (from == null || !from.owner().equals(client)) {
                throw new AccountNotFoundException(request.fromAccountId());
            }
            if (to == null) {
                throw new AccountNotFoundException(request.toAccountId());
            }
            requireCurrency(from, currency);
            requireCurrency(to, currency);
            NewOperation transfer = new NewOperation(client, key, OperationType.TRANSFER, OperationStatus.COMPLETED, null,
                    from.id(), to.id(), request.amount(), currency, request.description());
            if (!from.canDebit(request.amount())) {
                return ledger.record(transfer.rejected(Rejection.INSUFFICIENT_FUNDS), List.of());
            }
            if (!to.canCredit(request.amount())) {
                return ledger.record(transfer.rejected(Rejection.BALANCE_LIMIT_EXCEEDED), List.of());
            }
            long toBalance = accounts.changeBalance(to, request.amount());
            long fromBalance = accounts.changeBalance(from, -request.amount());
            return ledger.record(transfer,
                    List.of(new LedgerEntry(from.id(), -request.amount(), fromBalance),
                            new LedgerEntry(to.id(), request.amount(), toBalance)));
        });
    }

    /**
     * Runs a movement behind the fence. The answer is always read back from the database, so the first
     * response and every replay of it are built from the same stored row and are identical.
     */
    private FencedOperation fenced(String client, IdempotencyKey key, String fingerprint, Supplier<UUID> movement) {
        return fence.run(client, key, fingerprint, movement,
                fenced -> new FencedOperation(ledger.operation(fenced.id()), fenced.replayed()));
    }

    private Account lockOwned(UUID accountId, String client) {
        Account account = accounts.lock(List.of(accountId)).get(accountId);
        if (account == null || !account.owner().equals(client)) {
            throw new AccountNotFoundException(accountId);
        }
        return account;
    }

    private static void requireCurrency(Account account, String currency) {
        if (!account.currency().equals(currency)) {
            throw new CurrencyMismatchException(currency, account.currency());
        }
    }
}

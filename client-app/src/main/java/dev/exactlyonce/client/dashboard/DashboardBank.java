package dev.exactlyonce.client.dashboard;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import dev.exactlyonce.client.bank.AccountView;
import dev.exactlyonce.client.bank.BankAccounts;
import dev.exactlyonce.client.bank.BankOperationView;

import org.springframework.stereotype.Component;

/**
 * The dashboard's reads from the bank, kept out of the way of the lost-reply demonstration. The gateway's
 * fault mode drops the next successful reply of <em>any</em> call; if a page refresh read balances between
 * "drop the next reply" and the demonstration's debit, the refresh would lose its reply instead. So the
 * demonstration holds this class's write lock from arming the fault to its debit's end, and every dashboard
 * read waits for it.
 */
@Component
public class DashboardBank {

    private static final long READ_WAIT_SECONDS = 20;

    private final BankAccounts accounts;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    DashboardBank(BankAccounts accounts) {
        this.accounts = accounts;
    }

    /** The user's accounts, with their balances now, as cards. */
    public List<AccountCard> cards(String user) {
        return accounts(user).stream().map(AccountCard::of).toList();
    }

    public List<AccountView> accounts(String user) {
        return read(() -> accounts.accounts(user));
    }

    public List<BankOperationView> history(String user, UUID accountId) {
        return read(() -> accounts.history(user, accountId));
    }

    AccountView open(String user, String currency, String idempotencyKey) {
        return read(() -> accounts.open(user, currency, idempotencyKey));
    }

    /** Runs {@code work} while no dashboard read reaches the bank. */
    public <T> T exclusively(Supplier<T> work) {
        Lock write = lock.writeLock();
        write.lock();
        try {
            return work.get();
        } finally {
            write.unlock();
        }
    }

    private <T> T read(Supplier<T> call) {
        Lock read = lock.readLock();
        try {
            if (!read.tryLock(READ_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("A lost-reply demonstration took longer than " + READ_WAIT_SECONDS + "s");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a demonstration to finish", ex);
        }
        try {
            return call.get();
        } finally {
            read.unlock();
        }
    }
}

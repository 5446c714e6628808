package dev.exactlyonce.bank.account;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The account table and the record of overdraft-limit changes. Balances change only through
 * {@link #changeBalance}, inside a ledger transaction; limits only through {@link #changeOverdraftLimit}.
 */
@Repository
public class Accounts {

    /** Every account opens without overdraft: only an operator grants one, and each grant is recorded. */
    static final long OPENING_OVERDRAFT_LIMIT = 0;

    private static final String COLUMNS = "id, owner, currency, balance, overdraft_limit, created_at";

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Account open(String owner, String currency) {
        jdbc.sql("""
                insert into account (id, owner, kind, currency) values (:id, 'bank', 'SETTLEMENT', :currency)
                on conflict do nothing""").param("id", settlementAccount(currency)).param("currency", currency).update();
        UUID id = UUID.randomUUID();
        return jdbc.sql("""
                insert into account (id, owner, kind, currency, overdraft_limit)
                values (:id, :owner, 'CUSTOMER', :currency, :overdraftLimit)
                returning %s""".formatted(COLUMNS))
                .param("id", id).param("owner", owner).param("currency", currency)
                .param("overdraftLimit", OPENING_OVERDRAFT_LIMIT)
                .query(Accounts::map).single();
    }

    /**
     * Sets a locked account's overdraft limit and records who changed it from what, in the caller's
     * transaction. The update repeats the balance check, so even a caller that skipped it gets no
     * constraint violation from the database: the limit is then simply not changed.
     *
     * @return the account with its new limit, or empty when its balance is below {@code -limit}
     */
    Optional<Account> changeOverdraftLimit(Account locked, long limit, String changedBy) {
        Optional<Account> changed = jdbc.sql("""
                update account set overdraft_limit = :limit where id = :id and balance >= -:limit
                returning %s""".formatted(COLUMNS))
                .param("limit", limit).param("id", locked.id())
                .query(Accounts::map).optional();
        changed.ifPresent(account -> jdbc.sql("""
                insert into overdraft_limit_change (id, account_id, changed_by, previous_overdraft_limit, overdraft_limit)
                values (:id, :accountId, :changedBy, :previous, :limit)""")
                .param("id", UUID.randomUUID()).param("accountId", locked.id()).param("changedBy", changedBy)
                .param("previous", locked.overdraftLimit()).param("limit", limit)
                .update());
        return changed;
    }

    /** The customer account with this id as stored now, whoever owns it. */
    Account get(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from account where id = :id and kind = 'CUSTOMER'")
                .param("id", id).query(Accounts::map).optional()
                .orElseThrow(() -> new AccountNotFoundException(id));
    }

    List<Account> ownedBy(String owner) {
        return jdbc.sql("select " + COLUMNS + " from account where owner = :owner and kind = 'CUSTOMER' order by created_at, id")
                .param("owner", owner).query(Accounts::map).list();
    }

    /** The caller's own account; a foreign account is not found, like a missing one. */
    Account owned(UUID id, String owner) {
        return jdbc.sql("select " + COLUMNS + " from account where id = :id and owner = :owner and kind = 'CUSTOMER'")
                .param("id", id).param("owner", owner).query(Accounts::map).optional()
                .orElseThrow(() -> new AccountNotFoundException(id));
    }

    /**
     * Locks the customer accounts with these ids for the rest of the transaction, always in id order,
     * so two transfers in opposite directions cannot deadlock.
     */
    public Map<UUID, Account> lock(Collection<UUID> ids) {
        return jdbc.sql("select " + COLUMNS + " from account where id in (:ids) and kind = 'CUSTOMER' order by id for update")
                .param("ids", ids).query(Accounts::map).list().stream()
                .collect(Collectors.toMap(Account::id, Function.identity()));
    }

    /** Adds {@code delta} (negative for money leaving) to a locked account and returns the new balance. */
    public long changeBalance(Account account, long delta) {
        if (delta > 0 && !account.canCredit(delta)) {
            // Callers decide this first (Account#canCredit) and record the refusal as an outcome.
            throw new IllegalStateException("A credit of " + delta + " would take account " + account.id()
                    + " beyond the largest balance; the caller must refuse it before changing the balance");
        }
        return jdbc.sql("update account set balance = balance + :delta where id = :id returning balance")
                .param("delta", delta).param("id", account.id()).query(Long.class).single();
    }

    /**
     * The account standing for money entering and leaving the bank in this currency. It exists as soon
     * as any customer account in the currency does ({@link #open}), so a credit or debit needs no query
     * to find it. Its balance column is never updated: a single row touched by every credit and debit
     * would serialise them all, so its position is the sum of its ledger entries instead.
     */
    public static UUID settlementAccount(String currency) {
        return UUID.nameUUIDFromBytes(("settlement:" + currency).getBytes(StandardCharsets.US_ASCII));
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("owner"), rs.getString("currency"),
                rs.getLong("balance"), rs.getLong("overdraft_limit"),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}

package dev.exactlyonce.bank;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the ledger directly, to check what the API says against what was recorded. */
public record LedgerCheck(JdbcClient jdbc) {

    /** Operations recorded on an account (as source), completed or rejected, whatever the API answered. */
    public long operations(UUID account) {
        return jdbc.sql("select count(*) from operation where account_id = :id")
                .param("id", account).query(Long.class).single();
    }

    /** Debits that moved money out of an account. */
    public long completedDebits(UUID account) {
        return jdbc.sql("select count(*) from operation where account_id = :id and type = 'DEBIT' and status = 'COMPLETED'")
                .param("id", account).query(Long.class).single();
    }

    public long entries(UUID account) {
        return jdbc.sql("select count(*) from ledger_entry where account_id = :id").param("id", account)
                .query(Long.class).single();
    }

    /**
     * The double-entry invariants: every operation's entries, and so all money per currency, sum to
     * zero; every customer balance equals the sum of its entries and is within its overdraft limit.
     */
    public void assertBooksBalance() {
        List<String> unbalancedOperations = jdbc.sql(
                "select operation_id::text from ledger_entry group by operation_id having sum(amount) <> 0")
                .query(String.class).list();
        assertThat(unbalancedOperations).as("operations whose entries do not sum to zero").isEmpty();
        List<String> unbalancedCurrencies = jdbc.sql(
                "select currency from ledger_entry group by currency having sum(amount) <> 0").query(String.class).list();
        assertThat(unbalancedCurrencies).as("currencies in which money was created or lost").isEmpty();
        List<String> drifted = jdbc.sql("""
                select a.id::text from account a left join ledger_entry e on e.account_id = a.id
                where a.kind = 'CUSTOMER' group by a.id, a.balance
                having a.balance <> coalesce(sum(e.amount), 0)""").query(String.class).list();
        assertThat(drifted).as("accounts whose balance is not the sum of their entries").isEmpty();
        long overdrawn = jdbc.sql("select count(*) from account where kind = 'CUSTOMER' and balance < -overdraft_limit")
                .query(Long.class).single();
        assertThat(overdrawn).isZero();
    }
}

package dev.exactlyonce.bank;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads what the bank recorded (accounts, operations, ledger entries, fence rows) directly, to check what
 * the API says against it.
 */
public record LedgerCheck(JdbcClient jdbc) {

    /** Every account, customer and settlement. */
    public long accounts() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }

    /** The customer accounts this client owns. */
    public long customerAccounts(String client) {
        return jdbc.sql("select count(*) from account where owner = :client and kind = 'CUSTOMER'")
                .param("client", client).query(Long.class).single();
    }

    /** The accounts the fence says this client's key opened. */
    public List<UUID> accountsOpenedWithKey(String client, String key) {
        return jdbc.sql("""
                select a.id from idempotency_record r join account a on a.id = r.account_id
                where r.client = :client and r.idempotency_key = :key""")
                .param("client", client).param("key", key).query(UUID.class).list();
    }

    /** The fence rows this client's keys left, whatever they stand for. */
    public long fenceRows(String client) {
        return jdbc.sql("select count(*) from idempotency_record where client = :client").param("client", client)
                .query(Long.class).single();
    }

    /** The recorded changes of an account's overdraft limit. */
    public long limitChanges(UUID account) {
        return jdbc.sql("select count(*) from overdraft_limit_change where account_id = :id").param("id", account)
                .query(Long.class).single();
    }

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
     * Row counts of every table, and every account's balance and limit: equal before and after means a
     * run recorded nothing.
     */
    public Map<String, String> snapshot() {
        Map<String, String> state = new TreeMap<>();
        for (String table : jdbc.sql("""
                select table_name from information_schema.tables
                where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'""")
                .query(String.class).list()) {
            state.put(table + " rows", jdbc.sql("select count(*) from \"" + table + "\"").query(Long.class).single().toString());
        }
        state.put("ledger_entry sum", jdbc.sql("select coalesce(sum(amount), 0) || '/' || coalesce(sum(abs(amount)), 0) from ledger_entry")
                .query(String.class).single());
        state.put("accounts", jdbc.sql("select coalesce(string_agg(id || ':' || balance || ':' || overdraft_limit, ',' order by id), '') from account")
                .query(String.class).single());
        return state;
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

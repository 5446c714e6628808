package dev.exactlyonce.bank.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.exactlyonce.bank.account.AccountNotFoundException;
import dev.exactlyonce.idempotency.IdempotencyKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The operation and ledger-entry tables, and an account's history, which also shows the changes of its
 * overdraft limit (written by the account package, in its {@code overdraft_limit_change} table).
 */
@Repository
class Ledger {

    private static final String SELECT_OPERATION = """
            select o.seq, o.id, o.client, o.type, o.status, o.rejection, o.account_id, o.counterparty_account_id,
                   o.amount, o.currency, o.description, o.created_at, e.balance_after,
                   null::bigint as previous_overdraft_limit, null::bigint as overdraft_limit, null::text as changed_by
            from operation o
            left join ledger_entry e on e.operation_id = o.id and e.account_id = %s
            """;

    private static final String SELECT_LIMIT_CHANGE = """
            select c.seq, c.id, null::text as client, 'OVERDRAFT_LIMIT_CHANGE' as type, 'COMPLETED' as status,
                   null::text as rejection, c.account_id, null::uuid as counterparty_account_id, null::bigint as amount,
                   a.currency, null::text as description, c.created_at, null::bigint as balance_after,
                   c.previous_overdraft_limit, c.overdraft_limit, c.changed_by
            from overdraft_limit_change c
            join account a on a.id = c.account_id
            """;

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an operation with its entries, which must sum to zero. */
    UUID record(NewOperation operation, List<LedgerEntry> entries) {
        long sum = entries.stream().mapToLong(LedgerEntry::amount).sum();
        if (sum != 0) {
            throw new IllegalStateException("Ledger entries of a " + operation.type() + " sum to " + sum + ", not zero");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into operation (id, client, type, status, rejection, account_id, counterparty_account_id, amount,
                                       currency, description, idempotency_key)
                values (:id, :client, :type, :status, :rejection, :accountId, :counterpartyAccountId, :amount,
                        :currency, :description, :key)""")
                .param("id", id).param("client", operation.client()).param("key", operation.key().value())
                .param("type", operation.type().name())
                .param("status", operation.status().name())
                .param("rejection", operation.rejection() == null ? null : operation.rejection().name())
                .param("accountId", operation.accountId())
                .param("counterpartyAccountId", operation.counterpartyAccountId()).param("amount", operation.amount())
                .param("currency", operation.currency()).param("description", operation.description())
                .update();
        for (LedgerEntry entry : entries) {
            jdbc.sql("""
                    insert into ledger_entry (operation_id, account_id, amount, currency, balance_after)
                    values (:operationId, :accountId, :amount, :currency, :balanceAfter)""")
                    .param("operationId", id).param("accountId", entry.accountId()).param("amount", entry.amount())
                    .param("currency", operation.currency()).param("balanceAfter", entry.balanceAfter())
                    .update();
        }
        return id;
    }

    /** The operation with the balance of its own account after it. */
    Operation operation(UUID id) {
        return findOperation(id).orElseThrow(() -> new OperationNotFoundException(id));
    }

    /**
     * The operation if this client submitted it, or the overdraft-limit change if it was made on this
     * client's account; otherwise not found, as if it did not exist.
     */
    HistoryItem itemOf(UUID id, String client) {
        Optional<Operation> operation = findOperation(id);
        if (operation.isPresent()) {
            if (!operation.get().client().equals(client)) {
                throw new OperationNotFoundException(id);
            }
            return operation.get();
        }
        return jdbc.sql(SELECT_LIMIT_CHANGE + " where c.id = :id and a.owner = :client")
                .param("id", id).param("client", client)
                .query(Ledger::map).optional()
                .orElseThrow(() -> new OperationNotFoundException(id));
    }

    /**
     * What happened to this client's account, newest first: operations that moved money into or out of it,
     * with its balance after each, and the changes of its overdraft limit. Like {@link #itemOf}, it answers
     * only the account's owner: for anyone else the account is not found, as if it did not exist.
     */
    List<HistoryItem> history(UUID accountId, String client, int page, int size) {
        boolean owned = jdbc.sql("select exists (select 1 from account where id = :id and owner = :client and kind = 'CUSTOMER')")
                .param("id", accountId).param("client", client).query(Boolean.class).single();
        if (!owned) {
            throw new AccountNotFoundException(accountId);
        }
        return jdbc.sql("select * from (" + SELECT_OPERATION.formatted(":viewedAccount") + """
                where o.account_id = :viewedAccount or o.counterparty_account_id = :viewedAccount
                union all
                """ + SELECT_LIMIT_CHANGE + """
                where c.account_id = :viewedAccount
                ) history order by seq desc limit :limit offset :offset""")
                .param("viewedAccount", accountId).param("limit", size).param("offset", (long) page * size)
                .query(Ledger::map).list();
    }

    long historySize(UUID accountId) {
        return jdbc.sql("""
                select (select count(*) from operation where account_id = :id or counterparty_account_id = :id)
                     + (select count(*) from overdraft_limit_change where account_id = :id)""")
                .param("id", accountId).query(Long.class).single();
    }

    private Optional<Operation> findOperation(UUID id) {
        return jdbc.sql(SELECT_OPERATION.formatted("o.account_id") + " where o.id = :id")
                .param("id", id)
                .query(Ledger::map).optional()
                .map(Operation.class::cast);
    }

    private static HistoryItem map(ResultSet rs, int row) throws SQLException {
        OperationType type = OperationType.valueOf(rs.getString("type"));
        Instant createdAt = rs.getObject("created_at", OffsetDateTime.class).toInstant();
        if (type == OperationType.OVERDRAFT_LIMIT_CHANGE) {
            return new OverdraftLimitChange(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                    rs.getString("currency"), rs.getLong("previous_overdraft_limit"), rs.getLong("overdraft_limit"),
                    rs.getString("changed_by"), createdAt);
        }
        String rejection = rs.getString("rejection");
        return new Operation(rs.getObject("id", UUID.class), rs.getString("client"), type,
                OperationStatus.valueOf(rs.getString("status")), rejection == null ? null : Rejection.valueOf(rejection),
                rs.getObject("account_id", UUID.class), rs.getObject("counterparty_account_id", UUID.class),
                rs.getLong("amount"), rs.getString("currency"), rs.getString("description"),
                rs.getObject("balance_after", Long.class), createdAt);
    }

    /**
     * An operation about to be recorded; {@code rejection} is set exactly when the status is REJECTED. The key
     * stays with the operation for audit after the fence discards its row.
     */
    record NewOperation(String client, IdempotencyKey key, OperationType type, OperationStatus status,
            Rejection rejection, UUID accountId, UUID counterpartyAccountId, long amount, String currency,
            String description) {

        NewOperation rejected(Rejection why) {
            return new NewOperation(client, key, type, OperationStatus.REJECTED, why, accountId, counterpartyAccountId,
                    amount, currency, description);
        }
    }
}

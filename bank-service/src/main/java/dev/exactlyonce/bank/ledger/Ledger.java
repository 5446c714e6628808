package dev.exactlyonce.bank.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The operation and ledger-entry tables. */
@Repository
class Ledger {

    private static final String SELECT_OPERATION = """
            select o.id, o.client, o.type, o.status, o.account_id, o.counterparty_account_id, o.amount,
                   o.currency, o.description, o.created_at, e.balance_after
            from operation o
            left join ledger_entry e on e.operation_id = o.id and e.account_id = %s
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
                insert into operation (id, client, type, status, account_id, counterparty_account_id, amount, currency, description)
                values (:id, :client, :type, :status, :accountId, :counterpartyAccountId, :amount, :currency, :description)""")
                .param("id", id).param("client", operation.client()).param("type", operation.type().name())
                .param("status", operation.status().name()).param("accountId", operation.accountId())
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
        return jdbc.sql(SELECT_OPERATION.formatted("o.account_id") + " where o.id = :id")
                .param("id", id)
                .query(Ledger::map).optional()
                .orElseThrow(() -> new OperationNotFoundException(id));
    }

    /** The operation if this client submitted it; otherwise not found, as if it did not exist. */
    Operation operationOf(UUID id, String client) {
        Operation operation = operation(id);
        if (!operation.client().equals(client)) {
            throw new OperationNotFoundException(id);
        }
        return operation;
    }

    /** Operations that moved money into or out of an account, newest first, with its balance after each. */
    List<Operation> history(UUID accountId, int page, int size) {
        return jdbc.sql(SELECT_OPERATION.formatted(":viewedAccount") + """
                where o.account_id = :viewedAccount or o.counterparty_account_id = :viewedAccount
                order by o.seq desc limit :limit offset :offset""")
                .param("viewedAccount", accountId).param("limit", size).param("offset", (long) page * size)
                .query(Ledger::map).list();
    }

    long historySize(UUID accountId) {
        return jdbc.sql("select count(*) from operation where account_id = :id or counterparty_account_id = :id")
                .param("id", accountId).query(Long.class).single();
    }

    private static Operation map(ResultSet rs, int row) throws SQLException {
        return new Operation(rs.getObject("id", UUID.class), rs.getString("client"),
                OperationType.valueOf(rs.getString("type")), OperationStatus.valueOf(rs.getString("status")),
                rs.getObject("account_id", UUID.class), rs.getObject("counterparty_account_id", UUID.class),
                rs.getLong("amount"), rs.getString("currency"), rs.getString("description"),
                rs.getObject("balance_after", Long.class), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /** An operation about to be recorded. */
    record NewOperation(String client, OperationType type, OperationStatus status, UUID accountId,
            UUID counterpartyAccountId, long amount, String currency, String description) {
    }
}

package dev.exactlyonce.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.exactlyonce.chaos.check.JournalRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot;
import dev.exactlyonce.chaos.check.LedgerSnapshot.AccountRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.EntryRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.FenceRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.OperationRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.WatermarkRow;
import dev.exactlyonce.chaos.state.ServerStateReader;
import dev.exactlyonce.chaos.topology.PostgresProcess;
import dev.exactlyonce.chaos.topology.Topology;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the checker judges once the run is over and quiet: bank-service's tables and client-app's
 * journal straight from PostgreSQL, each in one repeatable-read transaction, and each account's history
 * as the bank's API lists it.
 */
final class FinalState {

    private FinalState() {
    }

    static LedgerSnapshot ledger(PostgresProcess postgres, String gateway, Map<UUID, String> accountOwners)
            throws SQLException, IOException, InterruptedException {
        try (Connection connection = connect(postgres, "bank")) {
            List<AccountRow> accounts = new ArrayList<>();
            List<OperationRow> operations = new ArrayList<>();
            List<EntryRow> entries = new ArrayList<>();
            List<FenceRow> fence = new ArrayList<>();
            List<WatermarkRow> watermarks = new ArrayList<>();
            Map<UUID, Long> limitChanges = new HashMap<>();
            try (Statement sql = connection.createStatement()) {
                try (ResultSet rows = sql.executeQuery(
                        "select id, owner, kind, currency, balance, overdraft_limit from account")) {
                    while (rows.next()) {
                        accounts.add(new AccountRow(uuid(rows, 1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getLong(5), rows.getLong(6)));
                    }
                }
                try (ResultSet rows = sql.executeQuery("select id, client, type, status, account_id,"
                        + " counterparty_account_id, amount, currency, description, idempotency_key from operation")) {
                    while (rows.next()) {
                        operations.add(new OperationRow(uuid(rows, 1), rows.getString(2), rows.getString(3),
                                rows.getString(4), uuid(rows, 5), uuid(rows, 6), rows.getLong(7), rows.getString(8),
                                rows.getString(9), rows.getString(10)));
                    }
                }
                try (ResultSet rows = sql.executeQuery("select operation_id, account_id, amount, currency from ledger_entry")) {
                    while (rows.next()) {
                        entries.add(new EntryRow(uuid(rows, 1), uuid(rows, 2), rows.getLong(3), rows.getString(4)));
                    }
                }
                try (ResultSet rows = sql.executeQuery(
                        "select client, idempotency_key, operation_id, account_id from idempotency_record")) {
                    while (rows.next()) {
                        fence.add(new FenceRow(rows.getString(1), rows.getString(2), uuid(rows, 3), uuid(rows, 4)));
                    }
                }
                try (ResultSet rows = sql.executeQuery("select client, session, watermark from idempotency_watermark")) {
                    while (rows.next()) {
                        watermarks.add(new WatermarkRow(rows.getString(1), rows.getString(2), rows.getLong(3)));
                    }
                }
                try (ResultSet rows = sql.executeQuery(
                        "select account_id, count(*) from overdraft_limit_change group by account_id")) {
                    while (rows.next()) {
                        limitChanges.put(uuid(rows, 1), rows.getLong(2));
                    }
                }
            }
            connection.commit();
            Map<UUID, Long> historyRows = new HashMap<>();
            for (Map.Entry<UUID, String> account : accountOwners.entrySet()) {
                long listed = historyTotal(gateway, account.getKey(), account.getValue());
                historyRows.put(account.getKey(), listed - limitChanges.getOrDefault(account.getKey(), 0L));
            }
            return new LedgerSnapshot(accounts, operations, entries, fence, watermarks, historyRows);
        }
    }

    /**
     * client-app's journal. A client-app that sends the caller's key on to the bank has no {@code bank_key}
     * column; its rows read with a {@code null} bank key, which the checker takes as the caller's key.
     */
    static List<JournalRow> journal(PostgresProcess postgres) throws SQLException {
        try (Connection connection = connect(postgres, "client");
                Statement sql = connection.createStatement()) {
            String bankKey = ServerStateReader.hasColumn(connection, "client_journal", "operation", "bank_key") ? "bank_key" : "null";
            List<JournalRow> journal = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("select username, idempotency_key, " + bankKey + ", status,"
                    + " bank_operation_id, description from client_journal.operation")) {
                while (rows.next()) {
                    journal.add(new JournalRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            uuid(rows, 5), rows.getString(6)));
                }
            }
            connection.commit();
            return journal;
        }
    }

    /** The number of rows the account's history lists (money operations and overdraft-limit changes). */
    private static long historyTotal(String gateway, UUID account, String owner) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/accounts/" + account
                + "/operations?page=0&size=1"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Topology.token(owner))
                .build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("History of " + account + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("totalItems").asLong(-1);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Connection connect(PostgresProcess postgres, String database) throws SQLException {
        Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
                postgres.password());
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return connection;
    }

    private static UUID uuid(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, UUID.class);
    }
}

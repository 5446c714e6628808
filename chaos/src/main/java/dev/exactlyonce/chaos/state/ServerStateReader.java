package dev.exactlyonce.chaos.state;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.exactlyonce.chaos.state.RedisKeys.Kind;
import dev.exactlyonce.chaos.topology.PostgresProcess;
import dev.exactlyonce.chaos.topology.Resp;

/**
 * Reads the server state once the run is quiet: Redis's key space with {@code SCAN} and {@code MEMORY USAGE}
 * (pipelined, a batch at a time, so a hundred thousand records take a second, not a hundred thousand round
 * trips), then counts in bank-service's and client-app's databases.
 */
public final class ServerStateReader {

    private static final String SCAN_BATCH = "1000";

    private ServerStateReader() {
    }

    public static ServerState read(int redisPort, PostgresProcess postgres, boolean acknowledgement,
            int operationsInFlight) throws IOException, SQLException {
        StateTally tally = new StateTally();
        redis(redisPort, tally);
        long fenceRows;
        long fenceRowsBelowWatermark;
        long watermarkRows;
        long bankOperations;
        try (Connection connection = connect(postgres, "bank"); Statement sql = connection.createStatement()) {
            fenceRows = count(sql, "select count(*) from idempotency_record");
            fenceRowsBelowWatermark = count(sql, "select count(*) from idempotency_record r join idempotency_watermark w"
                    + " on w.client = r.client and w.session = r.key_session where r.key_sequence < w.watermark");
            watermarkRows = count(sql, "select count(*) from idempotency_watermark");
            bankOperations = count(sql, "select count(*) from operation");
            try (ResultSet rows = sql.executeQuery("select client, key_session, count(*) from idempotency_record"
                    + " where key_session is not null group by client, key_session")) {
                while (rows.next()) {
                    tally.fenceRows(rows.getString(1), rows.getString(2), rows.getLong(3));
                }
            }
            try (ResultSet rows = sql.executeQuery("select client, session, watermark from idempotency_watermark")) {
                while (rows.next()) {
                    tally.watermark(rows.getString(1), rows.getString(2), rows.getLong(3));
                }
            }
        }
        long journalOperations;
        long journalAttempts;
        try (Connection connection = connect(postgres, "client"); Statement sql = connection.createStatement()) {
            journalOperations = count(sql, "select count(*) from client_journal.operation");
            journalAttempts = count(sql, "select count(*) from client_journal.attempt");
            if (hasColumn(connection, "client_journal", "operation", "bank_key")) {
                try (ResultSet rows = sql.executeQuery(
                        "select username, bank_key from client_journal.operation where bank_key is not null")) {
                    while (rows.next()) {
                        tally.journalKey(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        return new ServerState(acknowledgement, tally.keySpace(Kind.RECORD), tally.keySpace(Kind.WATERMARK),
                tally.keySpace(Kind.OTHER), fenceRows, fenceRowsBelowWatermark, watermarkRows, bankOperations,
                journalOperations, journalAttempts, operationsInFlight, tally.sessions());
    }

    private static void redis(int port, StateTally tally) throws IOException {
        try (Resp redis = new Resp(port)) {
            String cursor = "0";
            do {
                List<?> reply = (List<?>) redis.call("SCAN", cursor, "COUNT", SCAN_BATCH);
                cursor = (String) reply.get(0);
                List<?> keys = (List<?>) reply.get(1);
                List<List<String>> usage = new ArrayList<>(keys.size());
                keys.forEach(key -> usage.add(List.of("MEMORY", "USAGE", (String) key)));
                List<Object> bytes = redis.pipeline(usage);
                for (int i = 0; i < keys.size(); i++) {
                    // A key that expired between SCAN and MEMORY USAGE answers nil: it is gone, not counted.
                    if (bytes.get(i) != null) {
                        tally.redisKey((String) keys.get(i), (Long) bytes.get(i));
                    }
                }
            } while (!cursor.equals("0"));
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Whether the column exists: a client-app older than sequenced keys has no {@code bank_key}. */
    public static boolean hasColumn(Connection connection, String schema, String table, String column)
            throws SQLException {
        try (ResultSet columns = connection.getMetaData().getColumns(null, schema, table, column)) {
            return columns.next();
        }
    }

    private static Connection connect(PostgresProcess postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }
}

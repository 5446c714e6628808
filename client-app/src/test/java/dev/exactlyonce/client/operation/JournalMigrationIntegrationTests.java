package dev.exactlyonce.client.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.exactlyonce.client.ClientIntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The journal's migrations on a journal that already holds operations, in a schema of the test's own. */
@ClientIntegrationTest
class JournalMigrationIntegrationTests {

    private final String schema = "journal_migration_" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    DataSource dataSource;

    @AfterEach
    void dropSchema() {
        JdbcClient.create(dataSource).sql("drop schema if exists " + schema + " cascade").update();
    }

    @Test
    void givesOperationsJournaledBeforeTheProblemTypeColumnTheTypeTheirWordsNamed() {
        migrate("1");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        journal(jdbc, "REJECTED", "Rejected by the bank (HTTP 422): Insufficient funds: Balance 5 is below 1000");
        journal(jdbc, "REJECTED", "Rejected by the bank (HTTP 422): Idempotency-Key reused for a different request");
        journal(jdbc, "REJECTED", "Rejected by the bank (HTTP 400): Something new: scripted");
        journal(jdbc, "SUCCEEDED", "Done by the bank as operation x; insufficient funds never came up");
        journal(jdbc, "IN_DOUBT", "Bank unavailable: its circuit breaker is open after repeated failures. Will try "
                + "again with the same key.");

        migrate("latest");

        Map<String, String> types = new HashMap<>();
        jdbc.sql("select outcome_detail, problem_type from " + schema + ".operation")
                .query(rs -> {
                    types.put(rs.getString("outcome_detail"), rs.getString("problem_type"));
                });
        assertThat(types).hasSize(5).containsEntry(
                "Rejected by the bank (HTTP 422): Insufficient funds: Balance 5 is below 1000",
                "https://exactly-once.dev/problems/insufficient-funds")
                .containsEntry("Rejected by the bank (HTTP 422): Idempotency-Key reused for a different request",
                        "https://exactly-once.dev/problems/idempotency-key-reused")
                .containsEntry("Rejected by the bank (HTTP 400): Something new: scripted", null)
                .containsEntry("Done by the bank as operation x; insufficient funds never came up", null)
                .containsEntry("Bank unavailable: its circuit breaker is open after repeated failures. Will try "
                        + "again with the same key.", "https://exactly-once.dev/problems/client/bank-unavailable");
    }

    @Test
    void sendsOperationsJournaledBeforeSessionsUnderTheirCallersKeyWithoutAnAcknowledgement() {
        migrate("2");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        journal(jdbc, "IN_DOUBT", "Will try again with the same key.");
        journal(jdbc, "SUCCEEDED", "Done by the bank as operation x");

        migrate("latest");

        List<Map<String, Object>> rows = jdbc.sql("select idempotency_key, bank_key, key_sequence, acknowledged from "
                + schema + ".operation").query().listOfRows();
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("bank_key")).isEqualTo(row.get("idempotency_key"));
            assertThat(row.get("key_sequence")).isNull();
            assertThat(row.get("acknowledged")).isNull();
        });
    }

    private void migrate(String target) {
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/journal").target(target).load().migrate();
    }

    private void journal(JdbcClient jdbc, String status, String detail) {
        jdbc.sql("insert into " + schema + """
                .operation (id, username, idempotency_key, type, account_id, amount, currency, status, outcome_detail,
                    created_at, updated_at)
                values (:id, 'alice', :key, 'DEBIT', :account, 100, 'EUR', :status, :detail, now(), now())""")
                .param("id", UUID.randomUUID())
                .param("key", UUID.randomUUID().toString())
                .param("account", UUID.randomUUID())
                .param("status", status)
                .param("detail", detail)
                .update();
    }
}

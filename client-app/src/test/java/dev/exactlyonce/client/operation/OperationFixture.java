package dev.exactlyonce.client.operation;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Commands as a user would submit them. */
final class OperationFixture {

    static final String ALICE = "alice";

    private OperationFixture() {
    }

    static OperationCommand debit(UUID accountId, long amount, String key) {
        return new OperationCommand(OperationType.DEBIT, accountId, null, amount, "EUR", "test debit", key);
    }

    static OperationCommand credit(UUID accountId, long amount, String key) {
        return new OperationCommand(OperationType.CREDIT, accountId, null, amount, "EUR", "test credit", key);
    }

    static String debitsPath(UUID accountId) {
        return "/api/v1/accounts/" + accountId + "/debits";
    }

    /**
     * Settles whatever earlier tests left in doubt, so that a test which runs the resumer (which resumes
     * every operation in doubt) sees only its own.
     */
    static void settleLeftoversOfEarlierTests(JdbcClient jdbc) {
        jdbc.sql("""
                update client_journal.operation set status = 'REJECTED', outcome_detail = 'settled by a later test',
                    next_attempt_at = null
                where status = 'IN_DOUBT'""").update();
    }

    /**
     * The Idempotency-Key field value the journal fixed for the user's operation with this caller's key:
     * {@code <bank_key>;ack=<acknowledged>}, read straight from its row.
     */
    static String bankField(JdbcClient jdbc, String user, String key) {
        return jdbc.sql("""
                select bank_key || ';ack=' || acknowledged from client_journal.operation
                where username = :user and idempotency_key = :key""")
                .param("user", user)
                .param("key", key)
                .query(String.class)
                .single();
    }

    static String newKey(String purpose) {
        return purpose + "-" + UUID.randomUUID();
    }
}

package dev.exactlyonce.bank.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.FundedAccount;
import dev.exactlyonce.bank.LedgerCheck;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transient database failures answer 503 with Retry-After and change nothing, and the retry with the
 * same key applies the movement once; a stopped holder of a lock blocks others only for the configured
 * bounds.
 */
@BankIntegrationTest
class DatabaseFaultIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    BankHttp api;

    @Autowired
    LedgerCheck ledger;

    @Autowired
    FundedAccount account;

    @Test
    void startsEverySessionWithTheConfiguredTimeouts() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(show(connection, "lock_timeout")).isEqualTo("2s");
            assertThat(show(connection, "statement_timeout")).isEqualTo("5s");
            assertThat(show(connection, "idle_in_transaction_session_timeout")).isEqualTo("10s");
        }
    }

    @Test
    void answers503WhenTheBanksConnectionIsKilledMidRequestAndTheRetryAppliesOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        try (Connection holder = testConnection()) {
            int holderPid = lockAccount(holder);
            CompletableFuture<BankHttp.Reply> blocked = CompletableFuture.supplyAsync(
                    () -> api.post(BankHttp.ALICE, account.credits(), key, credit(250)));
            int killed = 0;
            // The bank's request waits for the account lock (at most lock_timeout); kill every backend
            // that waits for the holder until the request has answered. The ledger retries a lost
            // connection once, so its second try is killed too.
            while (!blocked.isDone()) {
                for (Integer waiting : jdbc.sql("select pid from pg_stat_activity where :holder = any(pg_blocking_pids(pid))")
                        .param("holder", holderPid).query(Integer.class).list()) {
                    if (Boolean.TRUE.equals(jdbc.sql("select pg_terminate_backend(:pid)").param("pid", waiting)
                            .query(Boolean.class).single())) {
                        killed++;
                    }
                }
                Thread.sleep(5);
            }
            BankHttp.Reply reply = blocked.get(30, TimeUnit.SECONDS);

            assertThat(killed).as("backends of the bank terminated while they waited").isPositive();
            assertThat(reply.status()).as(reply.body()).isEqualTo(503);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/database-unavailable");
            assertThat(reply.header("Retry-After")).isNotNull();
            assertThat(reply.body()).doesNotContain("SQL", "terminat", "Exception");
            assertThat(account.balance()).isEqualTo(1_000);
            holder.rollback();
        }

        BankHttp.Reply retried = api.post(BankHttp.ALICE, account.credits(), key, credit(250));
        BankHttp.Reply again = api.post(BankHttp.ALICE, account.credits(), key, credit(250));

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(account.balance()).isEqualTo(1_250);
        assertThat(ledger.operations(account.id())).as("the opening credit and this one").isEqualTo(2);
        ledger.assertBooksBalance();
    }

    @Test
    void aStoppedHolderBlocksOthersNoLongerThanTheLockTimeoutAndIsEndedByTheIdleTimeout() throws Exception {
        String key = UUID.randomUUID().toString();
        Duration lockTimeout;
        int holderPid;
        // A connection from the bank's own pool that begins a transaction, locks the account and then
        // does nothing, like a replica paused between two statements.
        Connection stopped = dataSource.getConnection();
        try {
            lockTimeout = Duration.parse("PT" + show(stopped, "lock_timeout").toUpperCase());
            holderPid = lockAccount(stopped);

            long started = System.nanoTime();
            BankHttp.Reply blocked = api.post(BankHttp.ALICE, account.credits(), key, credit(300));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(blocked.status()).as(blocked.body()).isEqualTo(503);
            assertThat(blocked.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/database-unavailable");
            assertThat(blocked.header("Retry-After")).isNotNull();
            assertThat(waited).as("blocked for at most lock_timeout plus slack").isLessThan(lockTimeout.plusSeconds(3));

            // idle_in_transaction_session_timeout ends the holder's session, and with it the lock.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc
                    .sql("select count(*) from pg_stat_activity where pid = :pid").param("pid", holderPid)
                    .query(Long.class).single() == 0);
        } finally {
            try {
                stopped.close();
            } catch (SQLException ex) {
                // Its session was ended by the server; the pool discards it.
            }
        }

        BankHttp.Reply retried = api.post(BankHttp.ALICE, account.credits(), key, credit(300));

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(account.balance()).isEqualTo(1_300);
        assertThat(ledger.operations(account.id())).isEqualTo(2);
        ledger.assertBooksBalance();
    }

    /** Begins a transaction on {@code connection}, locks the account row and returns the backend's pid. */
    private int lockAccount(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("select id from account where id = ? for update")) {
            lock.setObject(1, account.id());
            lock.executeQuery().close();
        }
        try (PreparedStatement pid = connection.prepareStatement("select pg_backend_pid()");
                ResultSet rs = pid.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A connection outside the bank's pool, without its session timeouts. */
    private Connection testConnection() throws SQLException {
        HikariDataSource pool = (HikariDataSource) dataSource;
        return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (PreparedStatement show = connection.prepareStatement("show " + setting); ResultSet rs = show.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String credit(long amount) {
        return "{\"amount\":" + amount + ",\"currency\":\"EUR\"}";
    }
}

package dev.exactlyonce.bank.system;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;
import dev.exactlyonce.localinfra.PostgresServer;
import dev.exactlyonce.localinfra.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real PostgreSQL: which failures renew a real Hikari pool, seen by the server's backend ids. */
class ConnectionPoolRenewalTests {

    private HikariDataSource pool;

    @BeforeEach
    void onePooledConnection() {
        PostgresServer postgres = RealServers.shared().postgres();
        pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.jdbcUrl());
        pool.setUsername(postgres.username());
        pool.setPassword(postgres.password());
        pool.setMaximumPoolSize(1);
        pool.setMinimumIdle(1);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void lostConnectionRenewsEveryPooledConnection() throws SQLException {
        int before = backend();

        new ConnectionPoolRenewal(pool).afterFailure(new SQLException("I/O error", "08006"));

        assertThat(backend()).isNotEqualTo(before);
    }

    @Test
    void serverShutdownRenewsEveryPooledConnection() throws SQLException {
        int before = backend();

        new ConnectionPoolRenewal(pool).afterFailure(new SQLException("terminating connection", "57P01"));

        assertThat(backend()).isNotEqualTo(before);
    }

    @Test
    void lockTimeoutKeepsThePool() throws SQLException {
        int before = backend();

        new ConnectionPoolRenewal(pool).afterFailure(new SQLException("lock not available", "55P03"));

        assertThat(backend()).isEqualTo(before);
    }

    /** The server process behind the connection the pool lends now. */
    private int backend() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return connection.unwrap(PGConnection.class).getBackendPID();
        }
    }
}

package dev.exactlyonce.bank.system;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTests {

    @ParameterizedTest
    @ValueSource(strings = { "08000", "08003", "08006", "57P01", "57P02", "57P03", "53300", "55P03", "57014", "25P03", "40001",
            "40P01" })
    void treatsConnectionLossRestartsAndTimeoutsAsTransient(String sqlState) {
        UncategorizedSQLException wrapped = new UncategorizedSQLException("select", "select 1", new SQLException("x", sqlState));

        assertThat(DatabaseFailures.isTransient(wrapped)).isTrue();
        assertThat(DatabaseFailures.sqlState(wrapped)).isEqualTo(sqlState);
    }

    @ParameterizedTest
    @ValueSource(strings = { "23505", "23514", "22P05", "42601", "XX000" })
    void treatsConstraintDataAndSyntaxErrorsAsBugs(String sqlState) {
        assertThat(DatabaseFailures.isTransient(new UncategorizedSQLException("insert", "insert", new SQLException("x", sqlState))))
                .isFalse();
        assertThat(DatabaseFailures.isTransient(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(DatabaseFailures.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void treatsAFailedBeginOrRollbackAsTransient() {
        assertThat(DatabaseFailures.isTransient(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("pool timed out")))).isTrue();
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed");
        rollback.initApplicationException(new UncategorizedSQLException("select", "select", new SQLException("x", "57P01")));
        assertThat(DatabaseFailures.isTransient(rollback)).isTrue();
        assertThat(DatabaseFailures.sqlState(rollback)).isEqualTo("57P01");
    }

    @ParameterizedTest
    @ValueSource(strings = { "08000", "08003", "08006", "57P01", "57P02", "57P03" })
    void treatsClass08AndServerShutdownAsALostConnection(String sqlState) {
        assertThat(DatabaseFailures.isConnectionLoss(new UncategorizedSQLException("select", "select 1",
                new SQLException("x", sqlState)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "55P03", "57014", "40001", "53300", "23505" })
    void keepsTheConnectionForTimeoutsConflictsAndBugs(String sqlState) {
        assertThat(DatabaseFailures.isConnectionLoss(new SQLException("x", sqlState))).isFalse();
    }
}

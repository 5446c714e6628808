package dev.exactlyonce.bank.system;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database failure that goes away on its own (the connection was lost, PostgreSQL is restarting,
 * a lock or statement timeout fired) from a bug. A transient failure rolled the transaction back or left
 * its outcome unknown; either way the client's retry with the same key is safe, because the fence row
 * commits with the movement or not at all.
 */
final class DatabaseFailures {

    /**
     * SQLSTATEs of transient failures besides class 08 (connection exception): admin or crash shutdown
     * and cannot-connect-now (57P01..57P03), too many connections (53300), lock_not_available (55P03,
     * lock_timeout), query_canceled (57014, statement_timeout), idle_in_transaction_session_timeout
     * (25P03), and serialization failure and deadlock (40001, 40P01) once the ledger's retries ran out.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300", "55P03", "57014",
            "25P03", "40001", "40P01");

    private DatabaseFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
                    || cause instanceof QueryTimeoutException || cause instanceof PessimisticLockingFailureException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether the failure says the connection itself is gone (SQLSTATE class 08, or the server shutting
     * down or restarting, 57P01..57P03): after a database restart every pooled connection is such a one.
     */
    static boolean isConnectionLoss(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("08") || CONNECTION_ENDED_STATES.contains(state));
    }

    private static final Set<String> CONNECTION_ENDED_STATES = Set.of("57P01", "57P02", "57P03");

    static boolean isTransientState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || TRANSIENT_STATES.contains(sqlState));
    }

    /** The first SQLSTATE in the cause chain, for the log line; {@code null} if there is none. */
    static String sqlState(Throwable failure) {
        if (failure instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
            String original = sqlState(rollback.getApplicationException());
            if (original != null) {
                return original;
            }
        }
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}

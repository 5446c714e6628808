package dev.exactlyonce.bank.fence;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction and runs it again only where that is provably safe:
 * <ul>
 * <li>PostgreSQL aborted it as a deadlock victim or for a serialization failure (SQLSTATE 40P01,
 *     40001): it rolled back, so nothing happened. Locks are taken in a fixed order so these should not
 *     happen; if they do, the caller still gets an answer;</li>
 * <li>once, when the connection was lost before the commit was sent (a pooled connection that died in a
 *     PostgreSQL restart, a backend terminated): PostgreSQL never commits a transaction whose session
 *     ended before its {@code COMMIT}, so nothing happened either.</li>
 * </ul>
 * Nothing else is retried here: not a lock or statement timeout (the wait is bounded on purpose, and the
 * client gets 503 at once), and never a failure at or after commit, whose outcome is unknown: the client
 * gets 503, and its retry with the same key meets the fence, which knows.
 *
 * <p>{@link IdempotencyFence.Gate#run} runs every creating request in one of these; other writes (an overdraft
 * limit) use it directly, so every write of the bank meets a database failure the same way.
 */
@Component
public class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private static final int MAX_ATTEMPTS = 5;

    private static final Set<String> ROLLED_BACK_STATES = Set.of("40001", "40P01");

    private static final Set<String> SESSION_ENDED_STATES = Set.of("57P01", "57P02", "57P03");

    private final TransactionTemplate transaction;

    Transactions(TransactionTemplate transaction) {
        this.transaction = transaction;
    }

    public <T> T inTransaction(Supplier<T> work) {
        boolean reconnected = false;
        for (int attempt = 1; ; attempt++) {
            AtomicBoolean committing = new AtomicBoolean();
            try {
                return transaction.execute(status -> {
                    T result = work.get();
                    committing.set(true);
                    return result;
                });
            } catch (RuntimeException ex) {
                if (!committing.get() && !reconnected && isConnectionLost(ex)) {
                    reconnected = true;
                    log.warn("Connection lost before commit ({}); running the transaction once more", ex.getMessage());
                    continue;
                }
                if (!(ex instanceof DataAccessException) || attempt >= MAX_ATTEMPTS
                        || !ROLLED_BACK_STATES.contains(sqlState(ex))) {
                    throw ex;
                }
                log.warn("Transaction attempt {} aborted by the database ({}); running it again", attempt, ex.getMessage());
                pause(attempt);
            }
        }
    }

    /** Whether the session ended under the transaction, rather than the database refusing something. */
    private static boolean isConnectionLost(RuntimeException ex) {
        if (ex instanceof CannotCreateTransactionException) {
            return !isPoolTimeout(ex);
        }
        if (ex instanceof TransactionSystemException) {
            // The rollback after a failed statement failed too: the connection, and its uncommitted
            // transaction with it, are gone (the pool discards the connection).
            return true;
        }
        String state = sqlState(ex);
        return state != null && (state.startsWith("08") || SESSION_ENDED_STATES.contains(state));
    }

    /** The pool had no connection within its timeout: a second wait would only double the delay. */
    private static boolean isPoolTimeout(Throwable ex) {
        for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable ex) {
        for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L << attempt));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to run a transaction again", ex);
        }
    }
}

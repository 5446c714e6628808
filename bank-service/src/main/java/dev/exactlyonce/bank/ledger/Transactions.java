package dev.exactlyonce.bank.ledger;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction and runs it again when PostgreSQL aborted it for a reason that goes away
 * on its own (a deadlock victim, a serialization failure). Locks are taken in a fixed order so these
 * should not happen; if they do, the caller still gets an answer instead of a 500.
 */
@Component
class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private static final int MAX_ATTEMPTS = 5;

    private final TransactionTemplate transaction;

    Transactions(TransactionTemplate transaction) {
        this.transaction = transaction;
    }

    <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (TransientDataAccessException ex) {
                if (attempt == MAX_ATTEMPTS) {
                    throw ex;
                }
                log.warn("Transaction attempt {} aborted by the database ({}); running it again", attempt, ex.getMessage());
                pause(attempt);
            }
        }
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

package dev.exactlyonce.bank.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Holds a row lock on an account from outside the service, so that a money movement on it blocks in
 * its handler (while its Idempotency-Key is PENDING) until the test lets go. No hook in the bank's
 * code is needed: the ledger locks the account row itself.
 */
final class AccountLock implements AutoCloseable {

    private final Connection connection;

    private AccountLock(Connection connection) {
        this.connection = connection;
    }

    static AccountLock hold(DataSource dataSource, UUID account) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("select id from account where id = ? for update")) {
            lock.setObject(1, account);
            lock.executeQuery().close();
        }
        return new AccountLock(connection);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}

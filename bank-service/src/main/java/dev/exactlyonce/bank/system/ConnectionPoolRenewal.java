package dev.exactlyonce.bank.system;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * After a lost connection, renews the whole pool at once. When PostgreSQL restarts, every pooled
 * connection is dead, yet the pool learns that one connection and one failed request at a time (a busy
 * connection is not validated before it is lent): up to a pool's worth of requests would answer 503 after
 * the database is back. Evicting softly closes the idle connections now and the busy ones when they come
 * back, so requests after the first failure get fresh connections.
 */
@Component
class ConnectionPoolRenewal {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoolRenewal.class);

    private final HikariDataSource pool;

    ConnectionPoolRenewal(DataSource dataSource) {
        this.pool = hikari(dataSource);
    }

    /** Renews the pool if the failure says a connection was lost; does nothing otherwise. */
    void afterFailure(Throwable failure) {
        if (pool == null || !DatabaseFailures.isConnectionLoss(failure) || pool.getHikariPoolMXBean() == null) {
            return;
        }
        log.info("A database connection was lost (SQLSTATE {}); renewing every pooled connection",
                DatabaseFailures.sqlState(failure));
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    private static HikariDataSource hikari(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException notAPool) {
            return null;
        }
    }
}

package dev.exactlyonce.localinfra;

/** A running PostgreSQL server and how to reach its database. */
public interface PostgresServer {

    String jdbcUrl();

    String username();

    String password();

    void stop();
}

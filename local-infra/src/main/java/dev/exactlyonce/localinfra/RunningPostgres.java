package dev.exactlyonce.localinfra;

/**
 * A PostgreSQL server as it was started, however it was started: its address and credentials no longer
 * change, and stopping it is whatever its starter says.
 */
record RunningPostgres(String jdbcUrl, String username, String password, Runnable stopper) implements PostgresServer {

    @Override
    public void stop() {
        stopper.run();
    }
}

package dev.exactlyonce.localinfra;

/**
 * A running Redis server. Tests stop and start it to prove that the platform fails closed while
 * Redis is gone and recovers when it comes back on the same address.
 */
public interface RedisServer {

    String host();

    int port();

    /** Stops the server; clients see connection failures until {@link #start()}. */
    void stop();

    /** Starts the server again on the same address, empty. */
    void start();
}

package dev.exactlyonce.benchmark.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the load generator starts in a JVM of its own, so that its CPU time is the starter's and the
 * handler's alone. The same handler ({@link OrderController}) answers on four paths:
 * <ul>
 * <li>{@code /plain/orders}: no idempotency at all, the baseline;</li>
 * <li>{@code /redis/orders}: the starter as auto-configured, on Redis, with the configured completion window;</li>
 * <li>{@code /redis-window/orders}: the starter on Redis with {@code benchmark.window} as completion window;</li>
 * <li>{@code /memory/orders}: the starter on an in-memory store, the floor of what the filter itself costs.</li>
 * </ul>
 */
@SpringBootApplication
public class BenchmarkApplication {

    public static void main(String[] args) {
        SpringApplication.run(BenchmarkApplication.class, args);
    }
}

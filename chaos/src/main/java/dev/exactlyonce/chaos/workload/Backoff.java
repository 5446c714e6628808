package dev.exactlyonce.chaos.workload;

import java.net.http.HttpHeaders;
import java.util.Random;

/**
 * Waits between attempts of one operation: short and growing (50 ms to 1 s, with jitter), and the
 * server's {@code Retry-After} when it gives one, capped at 1 s so that the harness notices a recovery
 * within a second.
 */
public final class Backoff {

    private static final long FIRST_MILLIS = 50;

    /** The longest wait between two attempts: how late, at worst, the workload notices a recovery. */
    public static final long MAX_MILLIS = 1000;

    private final Random random;

    private long next = FIRST_MILLIS;

    Backoff(Random random) {
        this.random = random;
    }

    void pause(HttpHeaders headers) throws InterruptedException {
        long wait = next / 2 + random.nextInt((int) next / 2 + 1);
        if (headers != null) {
            long retryAfterMillis = headers.firstValue("Retry-After").map(Backoff::seconds).orElse(-1L) * 1000;
            if (retryAfterMillis >= 0) {
                wait = Math.max(wait, Math.min(retryAfterMillis, MAX_MILLIS));
            }
        }
        next = Math.min(next * 2, MAX_MILLIS);
        Thread.sleep(wait);
    }

    private static long seconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException notSeconds) {
            return -1;
        }
    }
}

package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scheduler that renews the leases of every running execution. Renewals are short store calls,
 * so a couple of daemon threads serve any number of requests; one thread per request would not scale.
 */
public final class LeaseHeartbeat implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    /** A heartbeat on its own daemon threads. */
    public LeaseHeartbeat(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1; got " + threads);
        }
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(threads, new DaemonThreads());
        // Most beats are cancelled long before they are due (the request finished); drop them at once.
        scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler = scheduler;
    }

    /** A heartbeat on a scheduler the caller owns and shuts down. */
    public LeaseHeartbeat(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code renewal} every {@code interval}, first after one interval, until the beat is cancelled. */
    Beat start(Runnable renewal, Duration interval) {
        long nanos = interval.toNanos();
        ScheduledFuture<?> future = scheduler.scheduleWithFixedDelay(renewal, nanos, nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** A running heartbeat. */
    interface Beat {

        void cancel();
    }

    private static final class DaemonThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "idempotency-heartbeat-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}

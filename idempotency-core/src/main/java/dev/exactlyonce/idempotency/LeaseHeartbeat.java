package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler that renews the leases of every running execution.
 *
 * <p>A running execution only registers here; one sweep every {@code tick} renews those whose
 * renewal is due. Scheduling and cancelling a timer task per request would cost a wake-up of the
 * scheduler thread on every request, though almost every request finishes long before its first
 * renewal. A renewal is due every {@code interval} and runs at most one tick late.
 */
public final class LeaseHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<Registration> running = ConcurrentHashMap.newKeySet();

    /**
     * @param threads how many renewals may run at once; more than one keeps a slow store call from
     *        delaying the others
     * @param tick how often to look for due renewals; a fraction of the shortest renewal interval
     */
    public LeaseHeartbeat(int threads, Duration tick) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1; got " + threads);
        }
        Objects.requireNonNull(tick, "tick must not be null");
        if (tick.isZero() || tick.isNegative()) {
            throw new IllegalArgumentException("tick must be positive; got " + tick);
        }
        this.scheduler = new ScheduledThreadPoolExecutor(threads, new DaemonThreads());
        long nanos = tick.toNanos();
        scheduler.scheduleWithFixedDelay(this::sweep, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code renewal} every {@code interval}, first after one interval, until the beat is cancelled. */
    Beat start(Runnable renewal, Duration interval) {
        Registration registration = new Registration(renewal, interval.toNanos());
        running.add(registration);
        return () -> running.remove(registration);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Registration registration : running) {
            if (now - registration.due >= 0) {
                registration.due = now + registration.interval;
                try {
                    scheduler.execute(registration.renewal);
                } catch (RuntimeException ex) {
                    log.warn("Could not schedule a lease renewal", ex);
                }
            }
        }
    }

    /** A running heartbeat. */
    interface Beat {

        void cancel();
    }

    private static final class Registration {

        final Runnable renewal;
        final long interval;
        volatile long due;

        Registration(Runnable renewal, long interval) {
            this.renewal = renewal;
            this.interval = interval;
            this.due = System.nanoTime() + interval;
        }
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

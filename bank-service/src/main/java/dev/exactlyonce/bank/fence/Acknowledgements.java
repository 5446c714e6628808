package dev.exactlyonce.bank.fence;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Applies the acknowledgements requests carry to the fence in the background, the highest per session at most
 * every {@link #INTERVAL}: a client acknowledges with every request, and one statement per request would cost
 * the ledger a round trip and a row lock each time for what may as well happen a moment later. A late
 * watermark only keeps fence rows a little longer; whether a key below it is refused depends on the watermark
 * the fence reads, never on this queue. Acknowledgements still queued when the process stops are applied
 * before it ends; a crash loses them, and the client's next request carries them again, cumulatively.
 */
@Component
class Acknowledgements implements DisposableBean {

    static final Duration INTERVAL = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(Acknowledgements.class);

    private final IdempotencyFence fence;
    private final Map<Session, Long> queued = new ConcurrentHashMap<>();
    private final ScheduledExecutorService applier = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fence-acknowledgements");
        thread.setDaemon(true);
        return thread;
    });

    Acknowledgements(IdempotencyFence fence) {
        this.fence = fence;
        applier.scheduleWithFixedDelay(this::applyQueued, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues {@code acknowledged} for the client's session, unless a higher one is queued already. */
    void add(String client, String session, long acknowledged) {
        queued.merge(new Session(client, session), acknowledged, Math::max);
    }

    /** Applies every queued acknowledgement now; for tests, and at shutdown. */
    void applyQueued() {
        for (Session session : queued.keySet()) {
            Long acknowledged = queued.remove(session);
            if (acknowledged == null) {
                continue;
            }
            try {
                fence.acknowledge(session.client(), session.session(), acknowledged);
            } catch (RuntimeException ex) {
                // The database is unreachable: keep the highest for the next round, the rows meanwhile stay.
                queued.merge(session, acknowledged, Math::max);
                log.warn("Could not apply the acknowledgement of session {} of {} yet: {}", session.session(),
                        session.client(), ex.getMessage());
                return;
            }
        }
    }

    @Override
    public void destroy() {
        applier.shutdownNow();
        applyQueued();
    }

    private record Session(String client, String session) {
    }
}

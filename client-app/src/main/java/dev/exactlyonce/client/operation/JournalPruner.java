package dev.exactlyonce.client.operation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the journal bounded: final operations older than {@code client.journal.retention} whose replies were
 * acknowledged to the bank (or whose keys are opaque) are deleted, in batches, so that the journal holds the
 * operations in flight and the recent past rather than every operation ever sent.
 */
@Component
class JournalPruner {

    private static final Logger log = LoggerFactory.getLogger(JournalPruner.class);

    /** Small enough that one delete never holds its locks for long. */
    static final int BATCH = 1_000;

    private final Journal journal;

    /** How long a final, acknowledged operation stays in the journal. */
    private final Duration retention;

    private final Clock clock;

    private final Counter pruned;

    JournalPruner(Journal journal, JournalProperties properties, Clock clock, MeterRegistry meters) {
        this.journal = journal;
        this.retention = properties.retention();
        this.clock = clock;
        this.pruned = Counter.builder("client.journal.pruned")
                .description("Final, acknowledged operations deleted from the journal after the retention")
                .register(meters);
    }

    /** Deletes every prunable operation, batch by batch; returns how many went. */
    @Scheduled(fixedDelayString = "${client.journal.prune-interval:1h}",
            initialDelayString = "${client.journal.prune-interval:1h}")
    int prune() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = journal.prune(cutoff, BATCH);
            pruned.increment(deleted);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Pruned {} final operation(s) last changed before {}", total, cutoff);
        }
        return total;
    }
}

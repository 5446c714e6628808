package dev.exactlyonce.client.operation;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps asking about operations in doubt, always with their original keys: on start-up every unfinished
 * operation no live replica holds (a previous process may have died mid-attempt), then periodically those
 * whose next attempt is due or whose holder died. Each time it first closes the open attempts of replicas
 * that stopped their heartbeat; a live replica's attempts are left alone.
 */
@Component
class JournalResumer {

    private static final Logger log = LoggerFactory.getLogger(JournalResumer.class);

    private static final int BATCH = 100;

    private static final String INTERRUPTED = "No reply recorded: client-app stopped during this attempt";

    private final Journal journal;

    private final OperationRunner runner;

    private final JournalProperties properties;

    JournalResumer(Journal journal, OperationRunner runner, JournalProperties properties) {
        this.journal = journal;
        this.runner = runner;
        this.properties = properties;
    }

    /** Resumes everything a previous process left in doubt. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        int interrupted = journal.closeAttemptsOfDeadInstances(properties.instanceTimeout(), INTERRUPTED);
        List<UUID> unfinished = journal.unfinished(properties.instanceTimeout());
        if (!unfinished.isEmpty()) {
            log.info("Resuming {} operation(s) in doubt with their original keys ({} attempt(s) were cut short)",
                    unfinished.size(), interrupted);
        }
        unfinished.forEach(runner::run);
    }

    /** Resumes operations in doubt whose next attempt is due, and those of replicas that died. */
    @Scheduled(fixedDelayString = "${client.journal.resume-interval:15s}",
            initialDelayString = "${client.journal.resume-interval:15s}")
    void resumeDue() {
        int interrupted = journal.closeAttemptsOfDeadInstances(properties.instanceTimeout(), INTERRUPTED);
        if (interrupted > 0) {
            log.info("Closed {} attempt(s) of stopped client-app instance(s); resuming their operations", interrupted);
        }
        runner.runDue(BATCH);
    }
}

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
 * operation (the previous process may have died mid-attempt), then periodically those whose next attempt
 * is due.
 */
@Component
class JournalResumer {

    private static final Logger log = LoggerFactory.getLogger(JournalResumer.class);

    private static final int BATCH = 100;

    private final Journal journal;

    private final OperationRunner runner;

    JournalResumer(Journal journal, OperationRunner runner) {
        this.journal = journal;
        this.runner = runner;
    }

    /** Resumes everything a previous process left in doubt. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        int interrupted = journal.closeInterruptedAttempts("No reply recorded: client-app stopped during this attempt");
        List<UUID> unfinished = journal.unfinished();
        if (!unfinished.isEmpty()) {
            log.info("Resuming {} operation(s) in doubt with their original keys ({} attempt(s) were cut short)",
                    unfinished.size(), interrupted);
        }
        unfinished.forEach(runner::run);
    }

    /** Resumes operations in doubt whose next attempt is due. */
    @Scheduled(fixedDelayString = "${client.journal.resume-interval:15s}",
            initialDelayString = "${client.journal.resume-interval:15s}")
    void resumeDue() {
        runner.runDue(BATCH);
    }
}

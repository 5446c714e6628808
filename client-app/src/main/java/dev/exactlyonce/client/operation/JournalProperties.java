package dev.exactlyonce.client.operation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the journal drives operations to an outcome.
 *
 * @param answerWait how long a submit waits for the first outcome before it answers with the operation
 *        still in doubt (the attempts go on in the background)
 * @param resumeInterval how often the resumer looks for operations in doubt whose next attempt is due
 * @param resumeDelay how long an operation left in doubt by a round of attempts waits before the resumer
 *        tries it again with the same key (longer if the bank's Retry-After says so)
 * @param workers how many operations are sent to the bank at once
 * @param listLimit the most operations one listing returns, newest first
 * @param retention how long a final operation stays in the journal after its last change before the pruner
 *        deletes it (only once its reply is acknowledged to the bank, or when its key is opaque)
 * @param pruneInterval how often the pruner looks for operations past the retention
 * @param heartbeatInterval how often this process tells the journal it is alive
 * @param instanceTimeout how long a process may go without a heartbeat before the other replicas take it for
 *        dead: they then close its open attempts as interrupted and resume its operations (each replica's
 *        timeout must be the same and well above its heartbeat interval and the longest pause expected)
 */
@ConfigurationProperties("client.journal")
public record JournalProperties(@DefaultValue("3s") Duration answerWait, @DefaultValue("15s") Duration resumeInterval,
        @DefaultValue("30s") Duration resumeDelay, @DefaultValue("4") int workers,
        @DefaultValue("200") int listLimit, @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration pruneInterval, @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("20s") Duration instanceTimeout) {

    public JournalProperties {
        requireNotNegative("answer-wait", answerWait);
        requireNotNegative("resume-delay", resumeDelay);
        requireNotNegative("retention", retention);
        requirePositive("resume-interval", resumeInterval);
        requirePositive("prune-interval", pruneInterval);
        requirePositive("heartbeat-interval", heartbeatInterval);
        requirePositive("instance-timeout", instanceTimeout);
        if (instanceTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            // One late heartbeat must not make a live replica look dead to the others.
            throw new IllegalArgumentException("client.journal.instance-timeout must be at least twice the "
                    + "heartbeat-interval (" + heartbeatInterval + "), was " + instanceTimeout);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("client.journal.workers must be at least 1, was " + workers);
        }
        if (listLimit < 1) {
            throw new IllegalArgumentException("client.journal.list-limit must be at least 1, was " + listLimit);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("client.journal." + name + " must be positive, was " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("client.journal." + name + " must not be negative, was " + value);
        }
    }
}

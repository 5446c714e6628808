package dev.exactlyonce.chaos.report;

import java.util.List;
import java.util.Map;

import dev.exactlyonce.chaos.check.Anomaly;
import dev.exactlyonce.chaos.state.ServerState;

/**
 * Everything a run reports. Times are milliseconds since the run started unless said otherwise.
 *
 * @param seed the seed of the workload and the nemesis
 * @param replayCommand the command that runs the same schedule again
 * @param startedAtEpochMillis wall-clock start, for the reader
 * @param workloadMillis how long the workload ran (resolution and checks excluded)
 * @param issued logical operations sent (set-up excluded)
 * @param applied operations definitely applied
 * @param rejected operations definitely refused (insufficient funds)
 * @param inDoubtAtEnd operations without a definite answer when the workload stopped
 * @param unresolved operations still in doubt after healing and resolution (0 is the only good value)
 * @param replays answered operations sent again with their key after the run, each compared byte for byte
 *        with its first answer (a mismatch is a REPLAY_MISMATCH anomaly)
 * @param attemptsByOutcome HTTP attempts by outcome: a status code ("201", "409", "502") or an error
 *        ("timeout", "connection")
 * @param faults every fault injected, in order
 * @param timeline one entry per second of the workload
 * @param latency time from first attempt to definite answer, over every definite operation
 * @param recoveries per fault kind, how long until answers resumed after the fault was healed
 * @param targets the recovery targets the issue sets, measured
 * @param anomalies what the checker found; empty is the only passing value
 * @param selfTest the checker's own check: anomalies planted into a copy of the final state and whether
 *        each was caught
 * @param serverState what the servers still keep about answered requests once the run is over
 */
public record RunReport(long seed, String replayCommand, long startedAtEpochMillis, long workloadMillis,
        long issued, long applied, long rejected, long inDoubtAtEnd, long unresolved, long replays,
        Map<String, Long> attemptsByOutcome, List<FaultEvent> faults, List<TimelineSecond> timeline,
        Latency latency, List<Recovery> recoveries, List<Target> targets, List<Anomaly> anomalies,
        List<PlantedAnomaly> selfTest, ServerState serverState) {

    /**
     * Whether the run kept every invariant: no anomaly, no operation left unresolved, and every anomaly the
     * self-test planted caught. A missed recovery target is reported but does not fail the run.
     */
    public boolean passed() {
        return anomalies.isEmpty() && unresolved == 0 && selfTest.stream().noneMatch(PlantedAnomaly::missed);
    }

    /**
     * One fault.
     *
     * @param kind one of the nemesis's kinds, e.g. "redis-flushall"
     * @param healedAtMillis when the fault ended (the process was back, the proxy forwarding again); the
     *        same as {@code startMillis} for instant faults such as FLUSHALL
     * @param answersResumedAtMillis the first definite answer after the heal, or -1 if none came
     * @param detail which replica, how long, and so on
     */
    public record FaultEvent(String kind, long startMillis, long healedAtMillis, long answersResumedAtMillis,
            String detail) {
    }

    /**
     * One second of the workload.
     *
     * @param definite operations that got their definite answer in this second
     * @param failedAttempts HTTP attempts in this second that were not a definite answer (409, 5xx, errors)
     * @param p50Millis median latency to a definite answer of the operations answered in this second (0 if none)
     */
    public record TimelineSecond(int second, int definite, int failedAttempts, long p50Millis, long p99Millis,
            long maxMillis) {
    }

    /** Percentiles of the time to a definite answer. */
    public record Latency(long p50Millis, long p99Millis, long maxMillis) {
    }

    /**
     * Per fault kind, the time from a fault's heal to the next definite answer.
     *
     * @param count faults of this kind
     * @param worstMillis the longest such time over those faults
     */
    public record Recovery(String kind, int count, long medianMillis, long worstMillis) {
    }

    /** A target the run is measured against, and whether it was met; {@code why} explains a miss. */
    public record Target(String name, String goal, String measured, boolean met, String why) {
    }

    /** An anomaly the self-test planted, and whether the checker reported it. */
    public record PlantedAnomaly(String planted, String expectedKind, boolean applicable, boolean caught) {

        /** Whether the checker failed to report an anomaly that could be planted: a fault of the checker. */
        public boolean missed() {
            return applicable && !caught;
        }
    }
}

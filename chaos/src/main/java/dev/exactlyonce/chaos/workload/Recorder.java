package dev.exactlyonce.chaos.workload;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts HTTP attempts by outcome, and per second the attempts that did not give a definite answer. */
public final class Recorder {

    private final RunClock clock;

    private final Map<String, LongAdder> attemptsByOutcome = new ConcurrentHashMap<>();

    private final Map<Integer, LongAdder> failedAttemptsBySecond = new ConcurrentHashMap<>();

    public Recorder(RunClock clock) {
        this.clock = clock;
    }

    public RunClock clock() {
        return clock;
    }

    /**
     * One HTTP attempt.
     *
     * @param outcome a status code or an error name
     * @param definite whether it gave the operation its definite answer
     */
    void attempt(String outcome, boolean definite) {
        attemptsByOutcome.computeIfAbsent(outcome, any -> new LongAdder()).increment();
        if (!definite) {
            failedAttemptsBySecond.computeIfAbsent((int) (clock.millis() / 1000), any -> new LongAdder()).increment();
        }
    }

    public Map<String, Long> attemptsByOutcome() {
        Map<String, Long> counts = new TreeMap<>();
        attemptsByOutcome.forEach((outcome, count) -> counts.put(outcome, count.sum()));
        return counts;
    }

    public long failedAttemptsIn(int second) {
        LongAdder count = failedAttemptsBySecond.get(second);
        return count == null ? 0 : count.sum();
    }
}

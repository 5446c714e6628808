package dev.exactlyonce.chaos.workload;

/** Milliseconds since the run started: the one time base of the history, the faults and the timeline. */
public final class RunClock {

    private final long startNanos = System.nanoTime();

    private final long startEpochMillis = System.currentTimeMillis();

    public long millis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public long startEpochMillis() {
        return startEpochMillis;
    }
}

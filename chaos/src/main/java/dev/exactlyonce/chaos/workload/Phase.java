package dev.exactlyonce.chaos.workload;

/**
 * Where the run is: issuing new operations, or resolving those still in doubt after every fault has been
 * healed, until a deadline.
 */
final class Phase {

    private volatile boolean resolving;

    private volatile long deadlineMillis = Long.MAX_VALUE;

    private final RunClock clock;

    Phase(RunClock clock) {
        this.clock = clock;
    }

    void resolveUntil(long deadline) {
        deadlineMillis = deadline;
        resolving = true;
    }

    boolean resolving() {
        return resolving;
    }

    /** Whether an operation still in doubt should be given up on. */
    boolean pastDeadline() {
        return clock.millis() > deadlineMillis;
    }
}

package dev.exactlyonce.chaos.nemesis;

/** The faults the nemesis injects; the names are what the reports print. */
public enum FaultKind {
    /** Replies to POSTs cut by a replica's proxy after the bank committed. */
    LOST_REPLIES("lost-replies"),
    /** A replica's replies held back for seconds. */
    DELAYED_REPLIES("delayed-replies"),
    /** SIGKILL of a bank replica, and its restart. */
    BANK_KILL("bank-sigkill"),
    /** SIGSTOP of a bank replica for longer than its lease, then SIGCONT. */
    BANK_PAUSE("bank-sigstop"),
    /** Redis FLUSHALL: every PENDING and COMPLETED record gone at once. */
    REDIS_FLUSHALL("redis-flushall"),
    /** Redis SIGKILL, and its restart on its append-only file. */
    REDIS_KILL("redis-kill"),
    /** PostgreSQL stopped as a crash would ({@code -m immediate}) and started again. */
    POSTGRES_RESTART("postgres-immediate-restart"),
    /** SIGKILL of client-app while it has attempts in flight, and its restart. */
    CLIENT_APP_KILL("client-app-sigkill");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

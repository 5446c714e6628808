package dev.exactlyonce.chaos.nemesis;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.exactlyonce.chaos.report.RunReport.FaultEvent;
import dev.exactlyonce.chaos.topology.FaultyProxy;
import dev.exactlyonce.chaos.topology.ServiceProcess;
import dev.exactlyonce.chaos.topology.Topology;
import dev.exactlyonce.chaos.workload.RunClock;

/**
 * Injects one fault at a time, with a seeded random pause between faults: first every kind once in a
 * seeded order (so even a short run sees each), then kinds at random. Each fault is healed before the
 * next starts, and {@link #stop()} heals the one in progress.
 */
public final class Nemesis {

    /** The bank's lease on a key (exactlyonce.idempotency.lease); a pause must outlast it. */
    public static final long LEASE_MILLIS = 10_000;

    private final Topology topology;

    private final RunClock clock;

    private final Random random;

    private final List<FaultKind> firstRound;

    private final List<FaultEvent> events = new CopyOnWriteArrayList<>();

    private final Set<FaultKind> done = Collections.synchronizedSet(EnumSet.noneOf(FaultKind.class));

    private volatile boolean running = true;

    private Thread thread;

    public Nemesis(Topology topology, RunClock clock, long seed) {
        this.topology = topology;
        this.clock = clock;
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.firstRound = new ArrayList<>(List.of(FaultKind.values()));
        Collections.shuffle(firstRound, random);
    }

    public void start() {
        thread = new Thread(this::run, "nemesis");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether every kind of fault has been injected (and healed) at least once. */
    public boolean coveredEveryKind() {
        return done.size() == FaultKind.values().length;
    }

    /** Waits for the fault in progress to be healed, and injects no more. */
    public void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** Every fault so far; {@code answersResumedAtMillis} is -1 here, the run fills it in from the history. */
    public List<FaultEvent> events() {
        return List.copyOf(events);
    }

    private void run() {
        int injected = 0;
        while (running) {
            long quietUntil = clock.millis() + 2_000 + random.nextInt(3_000);
            while (running && clock.millis() < quietUntil) {
                pause(100);
            }
            if (!running) {
                break;
            }
            FaultKind kind = injected < firstRound.size() ? firstRound.get(injected)
                    : FaultKind.values()[random.nextInt(FaultKind.values().length)];
            injected++;
            long start = clock.millis();
            String detail;
            try {
                detail = inject(kind);
            } catch (RuntimeException ex) {
                detail = "failed to inject: " + ex;
                System.err.println("Nemesis: " + kind.label() + " " + detail);
            }
            events.add(new FaultEvent(kind.label(), start, clock.millis(), -1, detail));
            done.add(kind);
            System.out.printf("  [%5.1f s] %s: %s%n", start / 1000.0, kind.label(), detail);
        }
    }

    /** Injects a fault and heals it; returns what happened, for the report. */
    private String inject(FaultKind kind) {
        int replica = random.nextInt(topology.banks().size());
        ServiceProcess bank = topology.banks().get(replica);
        FaultyProxy proxy = topology.proxies().get(replica);
        switch (kind) {
            case LOST_REPLIES -> {
                int count = 3 + random.nextInt(8);
                proxy.dropReplies(count);
                int before = proxy.repliesDropped();
                pause(5_000);
                proxy.heal();
                return bank.name() + ": " + (proxy.repliesDropped() - before) + " of " + count
                        + " armed replies cut after commit within 5 s";
            }
            case DELAYED_REPLIES -> {
                long delay = 1_000 + random.nextInt(3_000);
                proxy.delayReplies(delay, 5_000);
                pause(5_000);
                proxy.heal();
                return bank.name() + ": replies held " + delay + " ms for 5 s";
            }
            case BANK_KILL -> {
                bank.kill();
                proxy.refuse();
                long down = 1_000 + random.nextInt(2_000);
                pause(down);
                long restart = clock.millis();
                bank.start();
                proxy.accept();
                return bank.name() + ": SIGKILL, down " + down + " ms, restart took " + (clock.millis() - restart) + " ms";
            }
            case BANK_PAUSE -> {
                long paused = LEASE_MILLIS + 2_000 + random.nextInt(3_000);
                bank.pause();
                pause(paused);
                bank.resume();
                return bank.name() + ": SIGSTOP for " + paused + " ms (lease " + LEASE_MILLIS + " ms), then SIGCONT";
            }
            case REDIS_FLUSHALL -> {
                topology.redis().flushAll();
                return "every record gone";
            }
            case REDIS_KILL -> {
                long down = outage(topology.redis()::kill, topology.redis()::restart);
                return "SIGKILL, down " + down + " ms, restarted on its append-only file";
            }
            case POSTGRES_RESTART -> {
                long down = outage(topology.postgres()::stopImmediately, topology.postgres()::start);
                return "stop -m immediate, down " + down + " ms, crash recovery on start";
            }
            case CLIENT_APP_KILL -> {
                int open = awaitOpenClientAttempt(3_000);
                topology.clientApp().kill();
                long restart = clock.millis();
                topology.clientApp().start();
                return "SIGKILL with " + open + " attempt(s) open in its journal, restart took "
                        + (clock.millis() - restart) + " ms";
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    /** Takes a server down, keeps it down for 1 to 3 s and brings it back; returns how long it was down. */
    private long outage(Runnable stop, Runnable start) {
        stop.run();
        long down = 1_000 + random.nextInt(2_000);
        pause(down);
        start.run();
        return down;
    }

    /**
     * Waits (briefly) until client-app has an attempt started and not finished in its journal, so the kill
     * lands mid-attempt; returns how many were open.
     */
    private int awaitOpenClientAttempt(long timeoutMillis) {
        long deadline = clock.millis() + timeoutMillis;
        int open = 0;
        try (Connection connection = DriverManager.getConnection(topology.postgres().jdbcUrl("client"),
                topology.postgres().username(), topology.postgres().password());
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from client_journal.attempt where finished_at is null")) {
            while (open == 0 && clock.millis() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    open = rows.getInt(1);
                }
                if (open == 0) {
                    pause(20);
                }
            }
        } catch (SQLException ex) {
            System.err.println("Nemesis: could not read client-app's journal: " + ex);
        }
        return open;
    }

    /** Sleeps through a fault: a fault always runs its course and is healed, even when the run is ending. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            throw new IllegalStateException("The nemesis is never interrupted", ex);
        }
    }
}

package dev.exactlyonce.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import dev.exactlyonce.chaos.nemesis.Nemesis;
import dev.exactlyonce.chaos.workload.Workload;

/**
 * A run's settings, from {@code -Dchaos.*} system properties.
 *
 * @param seed {@code chaos.seed}: the workload's and the nemesis's random choices; random when absent
 * @param operations {@code chaos.operations}: logical operations to issue (under faults the run also lasts
 *        until every fault kind was injected once)
 * @param gatewayWorkers {@code chaos.gateway-workers}: the harness's own API clients; 0 sends everything
 *        through client-app
 * @param clientAppWorkers {@code chaos.client-app-workers}: users handing operations to client-app, each with
 *        one operation in flight at a time
 * @param replays {@code chaos.replays}: answered operations sent again to compare the replay with the first answer
 * @param faults {@code chaos.faults=all|none}: whether the nemesis runs; {@code none} measures the platform
 *        undisturbed (the acknowledgement benchmark)
 * @param acknowledge {@code chaos.acknowledge=on|off}: whether client-app sends the cumulative acknowledgement
 *        ({@code CLIENT_BANK_ACKNOWLEDGE})
 * @param root {@code chaos.root}: the repository, where the production jars are
 * @param workDirectory {@code chaos.work}: data and logs of this run's servers
 * @param reportFile {@code chaos.report}: where the HTML report goes
 * @param resolutionTimeout {@code chaos.resolution-timeout}: how long operations in doubt may take to resolve
 *        once every fault is healed
 * @param pauseBoundMillis the bound on an answer while a replica is paused: attempt timeout + lease + detection
 */
record RunOptions(long seed, long operations, int gatewayWorkers, int clientAppWorkers, int replays, boolean faults,
        boolean acknowledge, Path root, Path workDirectory, Path reportFile, Duration resolutionTimeout,
        long pauseBoundMillis) {

    /** The gateway's readiness check takes a paused replica out within about 2 s; back-off adds up to 1 s more. */
    private static final long DETECTION_AND_BACKOFF_MILLIS = 5_000;

    private static final int GATEWAY_WORKERS = 8;

    private static final int CLIENT_APP_WORKERS = 4;

    RunOptions {
        if (gatewayWorkers + clientAppWorkers < 1) {
            throw new IllegalArgumentException("A run needs at least one worker; got " + gatewayWorkers
                    + " gateway and " + clientAppWorkers + " client-app workers");
        }
    }

    static RunOptions fromSystemProperties() {
        long seed = Long.getLong("chaos.seed", ChaosRun.randomSeed());
        Path root = Path.of(System.getProperty("chaos.root", ".")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("chaos.work", root.resolve("chaos/target/run-" + seed).toString()));
        Path report = Path.of(System.getProperty("chaos.report", root.resolve("chaos/target/chaos-report.html").toString()));
        return new RunOptions(seed, atLeast("chaos.operations", 3_000, 1), (int) atLeast("chaos.gateway-workers", GATEWAY_WORKERS, 0),
                (int) atLeast("chaos.client-app-workers", CLIENT_APP_WORKERS, 0), (int) atLeast("chaos.replays", 600, 0),
                choice("chaos.faults", "all", "all", "none"), choice("chaos.acknowledge", "on", "on", "off"), root, work,
                report, Duration.parse(System.getProperty("chaos.resolution-timeout", "PT3M")),
                Workload.ATTEMPT_TIMEOUT.toMillis() + Nemesis.LEASE_MILLIS + DETECTION_AND_BACKOFF_MILLIS);
    }

    private static long atLeast(String name, long fallback, long least) {
        long value = Long.getLong(name, fallback);
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", not " + value);
        }
        return value;
    }

    /** Whether the property, {@code fallback} when absent, is {@code yes} rather than {@code no}. */
    static boolean choice(String name, String fallback, String yes, String no) {
        String value = System.getProperty(name, fallback).trim().toLowerCase(Locale.ROOT);
        if (!value.equals(yes) && !value.equals(no)) {
            throw new IllegalArgumentException(name + " must be " + yes + " or " + no + ", not '" + value + "'");
        }
        return value.equals(yes);
    }

    /**
     * This run with the acknowledgement switched as given, its servers' data and its HTML report in places of
     * their own: one round of the acknowledgement benchmark.
     */
    RunOptions withAcknowledge(boolean on) {
        String mode = "ack-" + onOff(on);
        return new RunOptions(seed, operations, gatewayWorkers, clientAppWorkers, replays, faults, on, root,
                Path.of(workDirectory + "-" + mode), suffixed(reportFile, mode), resolutionTimeout, pauseBoundMillis);
    }

    private static Path suffixed(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(dot < 0 ? name + "-" + suffix : name.substring(0, dot) + "-" + suffix + name.substring(dot));
    }

    static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** The command that runs this schedule again. */
    String replayCommand() {
        return "./chaos/run -Dchaos.seed=" + seed + " -Dchaos.operations=" + operations
                + (faults ? "" : " -Dchaos.faults=none") + (acknowledge ? "" : " -Dchaos.acknowledge=off")
                + (gatewayWorkers == GATEWAY_WORKERS ? "" : " -Dchaos.gateway-workers=" + gatewayWorkers)
                + (clientAppWorkers == CLIENT_APP_WORKERS ? "" : " -Dchaos.client-app-workers=" + clientAppWorkers);
    }
}

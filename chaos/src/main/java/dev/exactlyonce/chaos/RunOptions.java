package dev.exactlyonce.chaos;

import java.nio.file.Path;
import java.time.Duration;

import dev.exactlyonce.chaos.nemesis.Nemesis;
import dev.exactlyonce.chaos.workload.Workload;

/**
 * A run's settings, from {@code -Dchaos.*} system properties.
 *
 * @param seed {@code chaos.seed}: the workload's and the nemesis's random choices; random when absent
 * @param operations {@code chaos.operations}: logical operations to issue (the run also lasts until every
 *        fault kind was injected once)
 * @param gatewayWorkers {@code chaos.gateway-workers}: the harness's own API clients
 * @param clientAppWorkers {@code chaos.client-app-workers}: users handing operations to client-app
 * @param replays {@code chaos.replays}: answered operations sent again to compare the replay with the first answer
 * @param root {@code chaos.root}: the repository, where the production jars are
 * @param workDirectory {@code chaos.work}: data and logs of this run's servers
 * @param reportFile {@code chaos.report}: where the HTML report goes
 * @param resolutionTimeout {@code chaos.resolution-timeout}: how long operations in doubt may take to resolve
 *        once every fault is healed
 * @param pauseBoundMillis the bound on an answer while a replica is paused: attempt timeout + lease + detection
 */
record RunOptions(long seed, long operations, int gatewayWorkers, int clientAppWorkers, int replays, Path root,
        Path workDirectory, Path reportFile, Duration resolutionTimeout, long pauseBoundMillis) {

    /** The gateway's readiness check takes a paused replica out within about 2 s; back-off adds up to 1 s more. */
    private static final long DETECTION_AND_BACKOFF_MILLIS = 5_000;

    static RunOptions fromSystemProperties() {
        long seed = Long.getLong("chaos.seed", ChaosRun.randomSeed());
        Path root = Path.of(System.getProperty("chaos.root", ".")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("chaos.work", root.resolve("chaos/target/run-" + seed).toString()));
        Path report = Path.of(System.getProperty("chaos.report", root.resolve("chaos/target/chaos-report.html").toString()));
        return new RunOptions(seed, positive("chaos.operations", 3_000), (int) positive("chaos.gateway-workers", 8),
                (int) positive("chaos.client-app-workers", 4), (int) positive("chaos.replays", 600), root, work, report,
                Duration.parse(System.getProperty("chaos.resolution-timeout", "PT3M")),
                Workload.ATTEMPT_TIMEOUT.toMillis() + Nemesis.LEASE_MILLIS + DETECTION_AND_BACKOFF_MILLIS);
    }

    private static long positive(String name, long fallback) {
        long value = Long.getLong(name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
        return value;
    }

    /** The command that runs this schedule again. */
    String replayCommand() {
        return "./chaos/run -Dchaos.seed=" + seed + " -Dchaos.operations=" + operations;
    }
}

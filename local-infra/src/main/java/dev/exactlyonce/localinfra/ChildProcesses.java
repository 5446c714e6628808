package dev.exactlyonce.localinfra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Services run from their jars as child processes of a launcher, a test or the chaos harness. */
public final class ChildProcesses {

    /** As long as a service's graceful shutdown may take (its timeout-per-shutdown-phase is 20 s). */
    public static final Duration GRACE = Duration.ofSeconds(30);

    private ChildProcesses() {
    }

    /** The java launcher of the running JVM, so children run on the same JDK. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** SIGTERM, so requests in flight finish; SIGKILL if the process outlives {@link #GRACE}. */
    public static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

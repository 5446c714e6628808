package dev.exactlyonce.benchmark.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * async-profiler attached to the application for the measured rounds only, so that start-up and warm-up stay out
 * of the profile. Its CPU mode samples kernel frames as well as Java and JVM ones, and a Redis round trip's cost is
 * mostly in the kernel (the socket write that wakes Redis up, the wait for its answer), where JFR does not look.
 *
 * <p>Given {@code -Dbenchmark.async-profiler=<path of libasyncProfiler.so>} (from the
 * {@code tools.profiler:async-profiler} jar of your platform on Maven Central), each client count's rounds leave
 * a flame graph {@code <prefix>-<clients>-clients.html} and the same stacks as text,
 * {@code <prefix>-<clients>-clients.collapsed}; {@code -Dbenchmark.profile=<prefix>} names them
 * ({@code /tmp/idempotency-benchmark} by default).
 */
final class AsyncProfiler {

    private final String library;
    private final String prefix;

    private AsyncProfiler(String library, String prefix) {
        this.library = library;
        this.prefix = prefix;
    }

    static Optional<AsyncProfiler> configured() {
        String library = System.getProperty("benchmark.async-profiler", "");
        return library.isBlank() ? Optional.empty()
                : Optional.of(new AsyncProfiler(library, System.getProperty("benchmark.profile", "/tmp/idempotency-benchmark")));
    }

    void start(long pid) throws IOException, InterruptedException {
        command(pid, "start,event=cpu,interval=1ms");
    }

    /** Stops profiling and writes what the rounds with {@code clients} clients sampled; returns the flame graph. */
    Path stop(long pid, int clients) throws IOException, InterruptedException {
        String file = prefix + "-" + clients + "-clients";
        command(pid, "dump,collapsed,file=" + file + ".collapsed");
        command(pid, "stop,file=" + file + ".html");
        return Path.of(file + ".html");
    }

    /**
     * Loads the agent into the running application through {@code jcmd}, which runs each command the agent is given.
     * The options go in quotes: {@code jcmd} would otherwise split them at their {@code =}s.
     */
    private void command(long pid, String options) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(List.of(jcmd, Long.toString(pid), "JVMTI.agent_load", library,
                '"' + options + '"')).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !output.contains("return code: 0")) {
            throw new IllegalStateException("async-profiler did not take '" + options + "': " + output.strip());
        }
    }
}

package dev.exactlyonce.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time a process has used so far, all its threads together, from {@code /proc/<pid>/stat}: user plus
 * system time. Throughput on a shared machine follows whatever else runs; CPU per request does not. For the
 * benchmarks, which measure the servers they start.
 */
public final class ProcessCpu {

    /** Linux reports these times in USER_HZ, 100 per second on every architecture's user-space ABI. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** CPU (user and system) that process {@code pid} has used so far. */
    public static Times of(long pid) {
        return parse(stat(pid));
    }

    /**
     * CPU used so far by each of the JVM's JIT compiler threads, by thread id. Apart, because compiling is a
     * warm-up cost that lands on whichever scenario runs while it happens: it makes the rounds' figures noisy
     * without saying anything about the path measured.
     */
    public static Map<Long, Long> compilerThreads(long pid) {
        Map<Long, Long> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        threads.put(Long.parseLong(task.getFileName().toString()),
                                parse(Files.readString(task.resolve("stat"))).totalNanos());
                    }
                } catch (IOException gone) {
                    // The thread ended meanwhile (compiler threads come and go): its time is in the process's.
                }
            });
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot list the threads of process " + pid, ex);
        }
        return threads;
    }

    /** What the compiler threads used between two readings. */
    public static long compilerNanosBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long nanos = 0;
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            nanos += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return nanos;
    }

    /** Parses a {@code stat} line. */
    public static Times parse(String stat) {
        String[] fields = fields(stat);
        // utime (14), stime (15), cutime (16) and cstime (17) of stat(5).
        return new Times(Long.parseLong(fields[11]) * NANOS_PER_TICK, Long.parseLong(fields[12]) * NANOS_PER_TICK,
                (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * NANOS_PER_TICK);
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the CPU time of process " + pid + " (this needs Linux)", ex);
        }
    }

    /**
     * The fields of a {@code stat} line after the command, whose parentheses may hold spaces and parentheses
     * themselves: the first is the state, field 3 of stat(5), so field n of stat(5) is at n - 3.
     */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /**
     * Nanoseconds in user space and in the kernel on the process's behalf, and those of its children that have
     * ended and been waited for.
     */
    public record Times(long userNanos, long systemNanos, long endedChildrenNanos) {

        public long totalNanos() {
            return userNanos + systemNanos;
        }

        /**
         * {@link #totalNanos} with the ended children's: a server whose workers come and go, as PostgreSQL's
         * backends and autovacuum workers do, is measured whole only so, since a worker that ends between two
         * readings of the live processes would take its whole time out of the later one.
         */
        public long withEndedChildrenNanos() {
            return totalNanos() + endedChildrenNanos;
        }

        public Times minus(Times earlier) {
            return new Times(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos,
                    endedChildrenNanos - earlier.endedChildrenNanos);
        }
    }
}

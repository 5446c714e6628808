package dev.exactlyonce.benchmark.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time a process has used so far, all its threads together, from {@code /proc/<pid>/stat}: user plus
 * system time. Throughput on a shared machine follows whatever else runs; CPU per request does not.
 */
final class ProcessCpu {

    /** Linux reports these times in USER_HZ, 100 per second on every architecture's user-space ABI. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** CPU (user and system) that process {@code pid} has used so far. */
    static Times of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the CPU time of process " + pid, ex);
        }
    }

    /**
     * CPU used so far by each of the JVM's JIT compiler threads, by thread id. Apart, because compiling is a
     * warm-up cost that lands on whichever scenario runs while it happens: it makes the rounds' figures noisy
     * without saying anything about the path measured.
     */
    static Map<Long, Long> compilerThreads(long pid) {
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
    static long compilerNanosBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long nanos = 0;
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            nanos += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return nanos;
    }

    /** Parses a {@code stat} line; the command in parentheses may itself hold spaces and parentheses. */
    static Times parse(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // After the command: state is field 3 of stat(5), so utime (14) and stime (15) are at 11 and 12 here.
        return new Times(Long.parseLong(fields[11]) * NANOS_PER_TICK, Long.parseLong(fields[12]) * NANOS_PER_TICK);
    }

    /** Nanoseconds in user space and in the kernel on the process's behalf. */
    record Times(long userNanos, long systemNanos) {

        long totalNanos() {
            return userNanos + systemNanos;
        }

        Times minus(Times earlier) {
            return new Times(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
        }
    }
}

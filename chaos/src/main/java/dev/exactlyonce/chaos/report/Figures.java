package dev.exactlyonce.chaos.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.exactlyonce.chaos.check.Anomaly;
import dev.exactlyonce.chaos.check.AnomalyKind;
import dev.exactlyonce.chaos.report.RunReport.FaultEvent;
import dev.exactlyonce.chaos.report.RunReport.PlantedAnomaly;

/**
 * The figures the console and the HTML page derive from a {@link RunReport}, computed and formatted once so
 * that both say the same thing.
 */
final class Figures {

    /** How many details of each anomaly kind a report shows; the rest are counted. */
    static final int DETAILS_PER_KIND = 3;

    private static final DateTimeFormatter STARTED = DateTimeFormatter
        .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private Figures() {
    }

    /**
     * Operations that had their definite answer when the workload stopped. Those settled later by resolution
     * are left out on purpose: they were not answered at the pace the workload ran.
     */
    static long definiteInWorkload(RunReport report) {
        return report.issued() - report.inDoubtAtEnd();
    }

    /** Definite answers per second over the workload. */
    static double throughput(RunReport report) {
        return report.workloadMillis() <= 0 ? 0 : definiteInWorkload(report) * 1000.0 / report.workloadMillis();
    }

    /** HTTP attempts by outcome, most frequent first; ties by outcome so the order is stable. */
    static List<Map.Entry<String, Long>> attemptsByCount(RunReport report) {
        return sortedByCount(report.attemptsByOutcome());
    }

    static long totalAttempts(RunReport report) {
        return report.attemptsByOutcome().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Faults by kind, most frequent first. */
    static List<Map.Entry<String, Long>> faultsByKind(RunReport report) {
        return sortedByCount(report.faults().stream()
            .collect(Collectors.groupingBy(FaultEvent::kind, TreeMap::new, Collectors.counting())));
    }

    /** Every anomaly kind in declaration order, with the anomalies of that kind (often none). */
    static Map<AnomalyKind, List<Anomaly>> anomaliesByKind(RunReport report) {
        Map<AnomalyKind, List<Anomaly>> byKind = new EnumMap<>(AnomalyKind.class);
        for (AnomalyKind kind : AnomalyKind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        report.anomalies().forEach((anomaly) -> byKind.get(anomaly.kind()).add(anomaly));
        return byKind;
    }

    /** Why {@link RunReport#passed()} is false, one reason per failed condition; empty for a passing run. */
    static List<String> failureReasons(RunReport report) {
        List<String> reasons = new ArrayList<>();
        if (!report.anomalies().isEmpty()) {
            String kinds = anomaliesByKind(report).entrySet().stream()
                .filter((entry) -> !entry.getValue().isEmpty())
                .map((entry) -> entry.getKey() + " " + entry.getValue().size())
                .collect(Collectors.joining(", "));
            reasons.add(plural(report.anomalies().size(), "anomaly", "anomalies") + ": " + kinds);
        }
        if (report.unresolved() != 0) {
            reasons.add(plural(report.unresolved(), "operation", "operations") + " unresolved");
        }
        long missed = report.selfTest().stream().filter(PlantedAnomaly::missed).count();
        if (missed > 0) {
            reasons.add("self-test missed " + missed + " of " + report.selfTest().size() + " planted anomalies");
        }
        if (reasons.isEmpty() && !report.passed()) {
            reasons.add("the run did not pass");
        }
        return reasons;
    }

    /** {@code PASS}, or {@code FAIL (reasons)}. */
    static String verdict(RunReport report) {
        return report.passed() ? "PASS" : "FAIL (" + String.join("; ", failureReasons(report)) + ")";
    }

    /** How long after its heal a fault's operations were answered again; empty if they never were. */
    static OptionalLong resumedAfter(FaultEvent fault) {
        return (fault.answersResumedAtMillis() < 0) ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, fault.answersResumedAtMillis() - fault.healedAtMillis()));
    }

    static boolean instant(FaultEvent fault) {
        return fault.healedAtMillis() <= fault.startMillis();
    }

    /** The fault kinds in a stable order, so that a kind keeps its colour from run to run. */
    static List<String> faultKinds(RunReport report) {
        return report.faults().stream().map(FaultEvent::kind).distinct().sorted().toList();
    }

    /** A duration for a reader: {@code 850 ms}, {@code 12.4 s}, {@code 3 min 05 s}, {@code 2 h 00 min}. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    /** A point in the run, in seconds since it started: {@code 12.3 s}. */
    static String at(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** Bytes for a reader: {@code 812 B}, {@code 12.3 KiB}, {@code 4.5 MiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    static String percent(long part, long whole) {
        return (whole == 0) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    static String started(RunReport report) {
        return STARTED.format(Instant.ofEpochMilli(report.startedAtEpochMillis()));
    }

    static String plural(long count, String one, String many) {
        return count(count) + " " + ((count == 1) ? one : many);
    }

    private static List<Map.Entry<String, Long>> sortedByCount(Map<String, Long> counts) {
        return counts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
            .map((entry) -> Map.entry(entry.getKey(), entry.getValue()))
            .toList();
    }

}

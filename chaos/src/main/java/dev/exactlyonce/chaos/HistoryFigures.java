package dev.exactlyonce.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.exactlyonce.chaos.history.Channel;
import dev.exactlyonce.chaos.history.OperationResult;
import dev.exactlyonce.chaos.nemesis.FaultKind;
import dev.exactlyonce.chaos.report.RunReport.FaultEvent;
import dev.exactlyonce.chaos.report.RunReport.Latency;
import dev.exactlyonce.chaos.report.RunReport.Recovery;
import dev.exactlyonce.chaos.report.RunReport.Target;
import dev.exactlyonce.chaos.report.RunReport.TimelineSecond;
import dev.exactlyonce.chaos.workload.Backoff;
import dev.exactlyonce.chaos.workload.Recorder;

/** The figures of a run, computed from the history and the faults once the run is over. */
final class HistoryFigures {

    /** The target: answers resume within 2 s of Redis or PostgreSQL coming back. */
    static final long STORE_RECOVERY_TARGET_MILLIS = 2_000;

    /** The sample of replays. */
    static final int MIN_REPLAYS = 500;

    private final List<OperationResult> workload;

    /** Times of every definite answer during the workload, sorted: when did answers resume. */
    private final long[] answerTimes;

    HistoryFigures(List<OperationResult> results) {
        this.workload = results.stream()
                .filter(result -> result.operation().channel() != Channel.SETUP)
                .toList();
        this.answerTimes = workload.stream().filter(OperationResult::isDefinite)
                .mapToLong(OperationResult::definiteAtMillis).sorted().toArray();
    }

    List<OperationResult> workload() {
        return workload;
    }

    /** The first definite answer at or after the given time, or -1. */
    long firstAnswerAtOrAfter(long millis) {
        int index = Arrays.binarySearch(answerTimes, millis);
        if (index < 0) {
            index = -index - 1;
        } else {
            while (index > 0 && answerTimes[index - 1] == millis) {
                index--;
            }
        }
        return index < answerTimes.length ? answerTimes[index] : -1;
    }

    List<FaultEvent> withResumption(List<FaultEvent> events) {
        return events.stream().map(event -> new FaultEvent(event.kind(), event.startMillis(), event.healedAtMillis(),
                firstAnswerAtOrAfter(event.healedAtMillis()), event.detail())).toList();
    }

    Latency latency() {
        long[] latencies = workload.stream().filter(OperationResult::isDefinite)
                .mapToLong(result -> result.definiteAtMillis() - result.issuedAtMillis()).sorted().toArray();
        return new Latency(percentile(latencies, 50), percentile(latencies, 99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
    }

    List<TimelineSecond> timeline(Recorder recorder, long workloadMillis) {
        int seconds = (int) (workloadMillis / 1000) + 1;
        List<List<Long>> bySecond = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            bySecond.add(new ArrayList<>());
        }
        for (OperationResult result : workload) {
            if (result.isDefinite() && result.definiteAtMillis() / 1000 < seconds) {
                bySecond.get((int) (result.definiteAtMillis() / 1000)).add(result.definiteAtMillis() - result.issuedAtMillis());
            }
        }
        List<TimelineSecond> timeline = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            long[] latencies = bySecond.get(second).stream().mapToLong(Long::longValue).sorted().toArray();
            timeline.add(new TimelineSecond(second, latencies.length, (int) recorder.failedAttemptsIn(second),
                    percentile(latencies, 50), percentile(latencies, 99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1]));
        }
        return timeline;
    }

    static List<Recovery> recoveries(List<FaultEvent> events) {
        Map<String, List<Long>> byKind = new LinkedHashMap<>();
        for (FaultKind kind : FaultKind.values()) {
            byKind.put(kind.label(), new ArrayList<>());
        }
        for (FaultEvent event : events) {
            long resumed = event.answersResumedAtMillis() < 0 ? Long.MAX_VALUE
                    : event.answersResumedAtMillis() - event.healedAtMillis();
            byKind.computeIfAbsent(event.kind(), any -> new ArrayList<>()).add(resumed);
        }
        List<Recovery> recoveries = new ArrayList<>();
        byKind.forEach((kind, times) -> {
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            recoveries.add(new Recovery(kind, sorted.length, percentile(sorted, 50),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        });
        return recoveries;
    }

    /**
     * The recovery targets. For a paused replica the bound is what its timeouts promise: an
     * attempt stuck on the paused replica ends at the client's attempt timeout, the key it held is free
     * once the lease lapses, and the gateway's health check takes the replica out of rotation meanwhile;
     * so no operation issued during a pause should wait longer than attempt timeout + lease + a few
     * seconds of detection and back-off. A run without gateway workers has nothing to replay, and a run
     * without faults nothing to recover from: those targets are left out.
     */
    List<Target> targets(List<FaultEvent> events, long pauseBoundMillis, int replays, boolean gatewayWorkload,
            boolean faultsInjected) {
        List<Target> targets = new ArrayList<>();
        if (gatewayWorkload) {
            targets.add(new Target("replays compared byte for byte with the first answer", ">= " + MIN_REPLAYS,
                    replays + " compared", replays >= MIN_REPLAYS,
                    replays >= MIN_REPLAYS ? "" : "too few operations answered straight through the gateway"));
        }
        if (!faultsInjected) {
            return targets;
        }
        for (FaultKind kind : List.of(FaultKind.REDIS_KILL, FaultKind.REDIS_FLUSHALL, FaultKind.POSTGRES_RESTART)) {
            long worst = events.stream().filter(event -> event.kind().equals(kind.label()))
                    .mapToLong(event -> event.answersResumedAtMillis() < 0 ? Long.MAX_VALUE
                            : event.answersResumedAtMillis() - event.healedAtMillis())
                    .max().orElse(-1);
            boolean met = worst >= 0 && worst <= STORE_RECOVERY_TARGET_MILLIS;
            targets.add(new Target("answers resume after " + kind.label(), "<= " + STORE_RECOVERY_TARGET_MILLIS + " ms",
                    worst < 0 ? "not injected" : worst == Long.MAX_VALUE ? "never" : worst + " ms (worst)", met,
                    met ? "" : worst < 0 ? "fault not injected in this run" : whyLate(kind)));
        }
        long worstPaused = -1;
        long longestSilence = -1;
        for (FaultEvent event : events) {
            if (!event.kind().equals(FaultKind.BANK_PAUSE.label())) {
                continue;
            }
            for (OperationResult result : workload) {
                if (result.issuedAtMillis() >= event.startMillis() && result.issuedAtMillis() < event.healedAtMillis()
                        && result.isDefinite()) {
                    worstPaused = Math.max(worstPaused, result.definiteAtMillis() - result.issuedAtMillis());
                }
            }
            longestSilence = Math.max(longestSilence, longestSilence(event.startMillis(), event.healedAtMillis()));
        }
        boolean met = worstPaused >= 0 && worstPaused <= pauseBoundMillis;
        targets.add(new Target("operations issued while a replica is paused",
                "answered within " + pauseBoundMillis + " ms (attempt timeout + lease + detection)",
                worstPaused < 0 ? "not injected" : worstPaused + " ms (worst); longest stretch without any answer "
                        + longestSilence + " ms",
                met, met ? "" : worstPaused < 0 ? "fault not injected in this run"
                        : "an operation waited longer than the timeouts promise"));
        return targets;
    }

    /** What stands between a store coming back and the next answer, beyond the store itself. */
    private static String whyLate(FaultKind kind) {
        String why = "the time includes up to " + Backoff.MAX_MILLIS + " ms of the workload's own back-off between"
                + " attempts (and a 503's Retry-After: 1)";
        if (kind == FaultKind.POSTGRES_RESTART) {
            why += "; while PostgreSQL is down, bank-service's connection pool (HikariCP) retries with a back-off"
                    + " that doubles from 10 ms, so after a few seconds down its first new connection can come"
                    + " a second or two after the server is back";
        }
        return why + "; see the timeline around each " + kind.label();
    }

    /** The longest time between two consecutive definite answers inside a window. */
    private long longestSilence(long from, long to) {
        long previous = from;
        long longest = 0;
        long next = firstAnswerAtOrAfter(from);
        while (next >= 0 && next <= to) {
            longest = Math.max(longest, next - previous);
            previous = next;
            next = firstAnswerAtOrAfter(next + 1);
        }
        return Math.max(longest, to - previous);
    }

    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}

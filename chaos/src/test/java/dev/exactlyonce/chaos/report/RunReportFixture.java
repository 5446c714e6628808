package dev.exactlyonce.chaos.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.exactlyonce.chaos.check.Anomaly;
import dev.exactlyonce.chaos.check.AnomalyKind;
import dev.exactlyonce.chaos.report.RunReport.FaultEvent;
import dev.exactlyonce.chaos.report.RunReport.Latency;
import dev.exactlyonce.chaos.report.RunReport.PlantedAnomaly;
import dev.exactlyonce.chaos.report.RunReport.Recovery;
import dev.exactlyonce.chaos.report.RunReport.Target;
import dev.exactlyonce.chaos.report.RunReport.TimelineSecond;
import dev.exactlyonce.chaos.state.ServerState;
import dev.exactlyonce.chaos.state.ServerState.KeySpace;
import dev.exactlyonce.chaos.state.ServerState.Session;

/** Run reports for tests: a one-minute run under five faults, passing or failing, and a two-hour run. */
final class RunReportFixture {

    static final long SEED = 42;

    static final String REPLAY = "./chaos/run -Dchaos.seed=42 -Dchaos.operations=3000";

    private RunReportFixture() {
    }

    /** One minute, five faults of five kinds, no anomaly, every target met, every planted anomaly caught. */
    static RunReport passingRun() {
        return run(60, oneMinuteOfFaults(), List.of(), 0, allTargetsMet(), selfTest(true));
    }

    /**
     * The same minute with two duplicate effects (and four more details than a report shows), a lost
     * acknowledgement, one operation unresolved, a missed target and a planted anomaly the checker missed.
     */
    static RunReport failingRun() {
        List<Anomaly> anomalies = new ArrayList<>();
        for (int i = 1; i <= Figures.DETAILS_PER_KIND + 4; i++) {
            anomalies.add(new Anomaly(AnomalyKind.DUPLICATE_EFFECT, "key k-" + i + " applied twice (entries 10" + i
                    + " and 20" + i + ")"));
        }
        anomalies.add(new Anomaly(AnomalyKind.LOST_ACKNOWLEDGED, "op-7 answered 201 but absent from the ledger"));
        List<Target> targets = List.of(
                new Target("resume after Redis FLUSHALL", "< 5 s", "0.8 s", true, ""),
                new Target("resume after bank replica SIGKILL", "< 10 s", "14.2 s", false,
                        "the surviving replica's pool waited for connection timeouts"));
        return run(60, oneMinuteOfFaults(), anomalies, 1, targets, selfTest(false));
    }

    /** The passing minute where one anomaly could not be planted into the data (and so was not caught). */
    static RunReport passingRunWithAPlantNotApplicable() {
        List<PlantedAnomaly> selfTest = new ArrayList<>(selfTest(true));
        selfTest.add(new PlantedAnomaly("journal row says SUCCEEDED (not applicable: nothing rejected)",
                "JOURNAL_MISMATCH", false, false));
        return run(60, oneMinuteOfFaults(), List.of(), 0, allTargetsMet(), selfTest);
    }

    /** The passing minute with one more fault whose detail is {@code detail}. */
    static RunReport passingRunWithFaultDetail(String detail) {
        List<FaultEvent> faults = new ArrayList<>(oneMinuteOfFaults());
        faults.add(new FaultEvent("delayed-reply", 55_000, 57_000, 57_300, detail));
        return run(60, faults, List.of(), 0, allTargetsMet(), selfTest(true));
    }

    /** The passing minute with one anomaly whose detail is {@code detail}. */
    static RunReport runWithAnomalyDetail(String detail) {
        return run(60, oneMinuteOfFaults(), List.of(new Anomaly(AnomalyKind.PHANTOM_OPERATION, detail)), 0,
                allTargetsMet(), selfTest(true));
    }

    /** Two hours with a fault every 15 seconds (480 in all), each with a longish detail. */
    static RunReport twoHourRun() {
        String[] kinds = { "redis-flushall", "redis-kill", "postgres-restart", "bank-sigkill", "bank-sigstop",
                "lost-reply", "delayed-reply", "client-app-kill" };
        List<FaultEvent> faults = new ArrayList<>();
        for (int i = 0; i < 480; i++) {
            long start = 5_000 + i * 15_000L;
            String kind = kinds[i % kinds.length];
            long healed = kind.equals("redis-flushall") ? start : start + 2_000 + (i % 7) * 700L;
            faults.add(new FaultEvent(kind, start, healed, healed + 300 + (i % 5) * 400L,
                    "fault " + i + ": " + kind + " on replica bank-" + (i % 3) + " via toxiproxy, seed-derived"));
        }
        return run(7_200, faults, List.of(), 0, allTargetsMet(), selfTest(true));
    }

    private static List<FaultEvent> oneMinuteOfFaults() {
        return List.of(new FaultEvent("redis-flushall", 8_000, 8_000, 8_400, "FLUSHALL on redis:6379"),
                new FaultEvent("postgres-restart", 15_000, 21_500, 23_100, "docker restart postgres, 6.5 s down"),
                new FaultEvent("bank-sigkill", 28_000, 31_000, 31_900, "SIGKILL bank-1, restarted after 3 s"),
                new FaultEvent("bank-sigstop", 38_000, 44_000, 44_200, "SIGSTOP bank-2 for 6 s"),
                new FaultEvent("lost-reply", 50_000, 53_000, 53_050, "proxy drops 30% of replies from bank-1"));
    }

    private static RunReport run(int seconds, List<FaultEvent> faults, List<Anomaly> anomalies, long unresolved,
            List<Target> targets, List<PlantedAnomaly> selfTest) {
        List<TimelineSecond> timeline = timeline(seconds, faults);
        long definite = timeline.stream().mapToLong(TimelineSecond::definite).sum();
        long failed = timeline.stream().mapToLong(TimelineSecond::failedAttempts).sum();
        long inDoubtAtEnd = 3 + unresolved;
        long rejected = definite / 20;
        Map<String, Long> attempts = new LinkedHashMap<>();
        attempts.put("422", rejected);
        attempts.put("201", definite - rejected);
        attempts.put("timeout", failed / 2);
        attempts.put("502", failed / 3);
        attempts.put("409", failed - failed / 2 - failed / 3);
        return new RunReport(SEED, REPLAY, 1_750_000_000_000L, seconds * 1000L, definite + inDoubtAtEnd,
                definite - rejected + 3, rejected, inDoubtAtEnd, unresolved, 600, attempts, faults, timeline,
                new Latency(18, 2_400, 9_800), recoveries(faults), targets, anomalies, selfTest, serverState(true));
    }

    /**
     * One benchmark round: the passing (or failing) minute with the server state of the mode, its workload
     * stretched to {@code workloadMillis} so that rounds differ in throughput.
     */
    static RunReport benchmarkRound(boolean acknowledgement, long workloadMillis, boolean passing) {
        RunReport base = passing ? passingRun() : failingRun();
        return new RunReport(base.seed(), base.replayCommand(), base.startedAtEpochMillis(), workloadMillis,
                base.issued(), base.applied(), base.rejected(), base.inDoubtAtEnd(), base.unresolved(), base.replays(),
                base.attemptsByOutcome(), base.faults(), base.timeline(), base.latency(), base.recoveries(),
                base.targets(), base.anomalies(), base.selfTest(), serverState(acknowledgement));
    }

    /**
     * What two client sessions leave behind: with the acknowledgement on, three records and three fence rows at
     * most per session; with it off, every record and fence row of the run.
     */
    static ServerState serverState(boolean acknowledgement) {
        List<Session> sessions = acknowledgement
                ? List.of(new Session("bob", "bobSession1", 1_498, 1_500, 3, 3 * 160, 3, 1_500),
                        new Session("alice", "aliceSession", 1_999, 2_000, 2, 2 * 160, 2, 2_000))
                : List.of(new Session("alice", "aliceSession", 0, 2_000, 2_000, 2_000 * 160, 2_000, 2_000),
                        new Session("bob", "bobSession1", 0, 1_500, 1_500, 1_500 * 160, 1_500, 1_500));
        long records = sessions.stream().mapToLong(Session::redisRecords).sum() + 600;
        return new ServerState(acknowledgement, new KeySpace(records, records * 160),
                acknowledgement ? new KeySpace(2, 2 * 72) : KeySpace.EMPTY, new KeySpace(5, 400),
                sessions.stream().mapToLong(Session::fenceRows).sum() + 640, 0, acknowledgement ? 2 : 0, 3_000 + 40,
                3_500, 3_600, 4, sessions);
    }

    /** About 200 answers a second at 15-20 ms, fewer and slower answers and more failures while a fault lasts. */
    private static List<TimelineSecond> timeline(int seconds, List<FaultEvent> faults) {
        Random random = new Random(SEED);
        List<TimelineSecond> timeline = new ArrayList<>(seconds);
        for (int second = 0; second < seconds; second++) {
            long millis = second * 1000L;
            boolean hurt = faults.stream()
                .anyMatch((fault) -> fault.startMillis() <= millis + 999 && millis < resumedOrHealed(fault));
            int definite = hurt ? random.nextInt(40) : 180 + random.nextInt(40);
            int failed = hurt ? 20 + random.nextInt(60) : random.nextInt(3);
            long p50 = hurt ? 400 + random.nextInt(900) : 14 + random.nextInt(6);
            long p99 = p50 * (hurt ? 4 : 6);
            timeline.add(new TimelineSecond(second, definite, failed, (definite > 0) ? p50 : 0,
                    (definite > 0) ? p99 : 0, (definite > 0) ? p99 + random.nextInt(2_000) : 0));
        }
        return timeline;
    }

    private static long resumedOrHealed(FaultEvent fault) {
        return Math.max(fault.healedAtMillis(), fault.answersResumedAtMillis());
    }

    private static List<Recovery> recoveries(List<FaultEvent> faults) {
        Map<String, List<Long>> byKind = new LinkedHashMap<>();
        faults.forEach((fault) -> byKind.computeIfAbsent(fault.kind(), (kind) -> new ArrayList<>())
            .add(fault.answersResumedAtMillis() - fault.healedAtMillis()));
        return byKind.entrySet().stream().map((kind) -> {
            List<Long> sorted = kind.getValue().stream().sorted().toList();
            return new Recovery(kind.getKey(), sorted.size(), sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() - 1));
        }).toList();
    }

    private static List<Target> allTargetsMet() {
        return List.of(new Target("resume after Redis FLUSHALL", "< 5 s", "0.4 s", true, ""),
                new Target("resume after bank replica SIGKILL", "< 10 s", "0.9 s", true, ""));
    }

    private static List<PlantedAnomaly> selfTest(boolean allCaught) {
        return List.of(new PlantedAnomaly("second entry pair for key k-1", "DUPLICATE_EFFECT", true, true),
                new PlantedAnomaly("ledger row removed for acknowledged op-3", "LOST_ACKNOWLEDGED", true, true),
                new PlantedAnomaly("balance of account A raised by 1", "BALANCE_MISMATCH", true, allCaught));
    }

}

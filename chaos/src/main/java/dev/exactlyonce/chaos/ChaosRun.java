package dev.exactlyonce.chaos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.exactlyonce.chaos.check.Checker;
import dev.exactlyonce.chaos.check.CheckerSelfTest;
import dev.exactlyonce.chaos.check.JournalRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot;
import dev.exactlyonce.chaos.check.ReplayCheck;
import dev.exactlyonce.chaos.dashboard.DashboardCheck;
import dev.exactlyonce.chaos.history.OperationResult;
import dev.exactlyonce.chaos.history.ClientOutcome;
import dev.exactlyonce.chaos.nemesis.Nemesis;
import dev.exactlyonce.chaos.report.BenchmarkReport;
import dev.exactlyonce.chaos.report.BenchmarkReport.Round;
import dev.exactlyonce.chaos.report.ConsoleReport;
import dev.exactlyonce.chaos.report.HtmlReport;
import dev.exactlyonce.chaos.report.RunReport;
import dev.exactlyonce.chaos.report.RunReport.FaultEvent;
import dev.exactlyonce.chaos.state.ServerState;
import dev.exactlyonce.chaos.state.ServerStateReader;
import dev.exactlyonce.chaos.topology.Topology;
import dev.exactlyonce.chaos.workload.Recorder;
import dev.exactlyonce.chaos.workload.RunClock;
import dev.exactlyonce.chaos.workload.Workload;

/**
 * One chaos run: {@code ./chaos/run [-Dchaos.seed=N] [-Dchaos.operations=N]}. Exits 0 only when the checker
 * found no anomaly, every operation was resolved, the checker caught every anomaly planted in a copy
 * of the final state, and the services emit every metric the Grafana dashboard queries ({@link DashboardCheck}).
 *
 * <p>With {@code -Dchaos.benchmark=acknowledgement} ({@code ./chaos/ack-benchmark}) it is issue 14's benchmark
 * instead: the same seeded run twice, client-app's acknowledgement on and then off, and the two compared.
 */
public final class ChaosRun {

    private final RunOptions options;

    /** Set by {@link #run()} while the services are still up. */
    private DashboardCheck.Result dashboard;

    private ChaosRun(RunOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        RunOptions options = RunOptions.fromSystemProperties();
        boolean benchmark = RunOptions.choice("chaos.benchmark", "none", "acknowledgement", "none");
        boolean passed;
        if (benchmark) {
            passed = benchmark(options);
        } else {
            ChaosRun chaos = new ChaosRun(options);
            passed = chaos.run().passed() && chaos.dashboard.passed();
        }
        System.exit(passed ? 0 : 1);
    }

    /** Issue 14's benchmark: one round with the acknowledgement on, one with it off, each checked in full. */
    private static boolean benchmark(RunOptions options) throws Exception {
        List<Round> rounds = new ArrayList<>();
        boolean dashboards = true;
        for (boolean acknowledge : List.of(true, false)) {
            say("");
            say("=== Benchmark round: acknowledgement " + RunOptions.onOff(acknowledge) + " ===");
            ChaosRun round = new ChaosRun(options.withAcknowledge(acknowledge));
            rounds.add(new Round(acknowledge, round.run()));
            dashboards &= round.dashboard.passed();
        }
        say("");
        String comparison = BenchmarkReport.render(rounds);
        System.out.print(comparison);
        Path summary = options.reportFile().resolveSibling("ack-benchmark.txt");
        Files.writeString(summary, comparison, StandardCharsets.UTF_8);
        say("Benchmark summary: " + summary.toAbsolutePath());
        return dashboards && rounds.stream().allMatch(round -> round.report().passed());
    }

    private RunReport run() throws Exception {
        say("Chaos run, seed " + options.seed() + ": " + options.operations() + " operations, "
                + options.gatewayWorkers() + " gateway and " + options.clientAppWorkers() + " client-app workers, "
                + (options.faults() ? "every fault kind" : "no faults") + ", acknowledgement "
                + RunOptions.onOff(options.acknowledge()));
        say("Replay it with: " + options.replayCommand());
        Path work = options.workDirectory();
        try (Topology topology = Topology.start(options.root(), work, options.acknowledge(), ChaosRun::say)) {
            RunClock clock = new RunClock();
            Recorder recorder = new Recorder(clock);
            Workload workload = new Workload(options.seed(), topology.gateway().url(), topology.clientApp().url(),
                    clock, recorder);
            say("Opening accounts and crediting opening balances ...");
            workload.setUp();

            say((options.faults() ? "Workload and nemesis" : "Workload") + " running (logs: " + work.resolve("logs")
                    + ") ...");
            Nemesis nemesis = options.faults() ? new Nemesis(topology, clock, options.seed()) : null;
            long workloadStart = clock.millis();
            workload.start(options.gatewayWorkers(), options.clientAppWorkers());
            if (nemesis != null) {
                nemesis.start();
            }
            long nextProgress = clock.millis() + 10_000;
            while (workload.issued() < options.operations() || (nemesis != null && !nemesis.coveredEveryKind())) {
                Thread.sleep(100);
                if (clock.millis() >= nextProgress) {
                    say(String.format("  [%5.1f s] %d operations issued, %d faults", clock.millis() / 1000.0,
                            workload.issued(), nemesis == null ? 0 : nemesis.events().size()));
                    nextProgress += 10_000;
                }
            }
            workload.stopIssuing();
            long workloadEnd = clock.millis();
            if (nemesis != null) {
                say("Stopping the nemesis; every fault healed ...");
                nemesis.stop();
            }
            say("Resolving every operation still in doubt with its own key ...");
            workload.resolve(options.resolutionTimeout());

            say("Replaying a sample of answered operations ...");
            List<ReplayCheck> replays = workload.replay(options.replays(), 4);
            say("Reading the ledger, client-app's journal and what the servers keep ...");
            LedgerSnapshot ledger = FinalState.ledger(topology.postgres(), topology.gateway().url(),
                    workload.accountOwners());
            List<JournalRow> journal = FinalState.journal(topology.postgres());
            ServerState state = ServerStateReader.read(topology.redis().port(), topology.postgres(),
                    options.acknowledge(), options.clientAppWorkers());
            List<OperationResult> history = workload.results();
            say("Scraping every service's /actuator/prometheus for the metrics the dashboard queries ...");
            dashboard = DashboardCheck.run(options.root(), scrapeTargets(topology));

            RunReport report = report(history, ledger, journal, replays,
                    nemesis == null ? List.of() : nemesis.events(), recorder, workload, clock,
                    workloadEnd - workloadStart, state);
            say("");
            System.out.print(ConsoleReport.render(report));
            Path html = options.reportFile();
            Files.createDirectories(html.toAbsolutePath().getParent());
            Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
            say("HTML report: " + html.toAbsolutePath());
            System.out.print(dashboard.render());
            return report;
        }
    }

    private RunReport report(List<OperationResult> history, LedgerSnapshot ledger, List<JournalRow> journal,
            List<ReplayCheck> replays, List<FaultEvent> events, Recorder recorder, Workload workload, RunClock clock,
            long workloadMillis, ServerState state) {
        HistoryFigures figures = new HistoryFigures(history);
        List<FaultEvent> faults = figures.withResumption(events);
        List<OperationResult> ops = figures.workload();
        return new RunReport(options.seed(), options.replayCommand(), clock.startEpochMillis(), workloadMillis,
                ops.size(),
                ops.stream().filter(result -> result.outcome() == ClientOutcome.APPLIED).count(),
                ops.stream().filter(result -> result.outcome() == ClientOutcome.REJECTED).count(),
                workload.inDoubtAtStop(),
                ops.stream().filter(result -> !result.isDefinite()).count(), replays.size(),
                recorder.attemptsByOutcome(), faults, figures.timeline(recorder, workloadMillis), figures.latency(),
                HistoryFigures.recoveries(faults),
                figures.targets(faults, options.pauseBoundMillis(), replays.size(), options.gatewayWorkers() > 0,
                        options.faults()),
                Checker.check(history, ledger, journal, replays),
                CheckerSelfTest.selfTest(history, ledger, journal, replays), state);
    }

    /** Each replica directly, not through its proxy: the scrape must see every process, whatever the nemesis did. */
    private static List<DashboardCheck.Target> scrapeTargets(Topology topology) {
        List<DashboardCheck.Target> targets = new ArrayList<>();
        topology.banks().forEach(bank -> targets.add(new DashboardCheck.Target(bank.name(), bank.url())));
        targets.add(new DashboardCheck.Target(topology.gateway().name(), topology.gateway().url()));
        targets.add(new DashboardCheck.Target(topology.clientApp().name(), topology.clientApp().url()));
        return targets;
    }

    static void say(String line) {
        System.out.println(line);
    }

    /** A seed of its own when none is given: every run differs, and each prints how to repeat it. */
    static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    }
}

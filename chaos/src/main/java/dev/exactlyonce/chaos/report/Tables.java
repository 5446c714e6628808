package dev.exactlyonce.chaos.report;

import java.util.List;
import java.util.Map;

import dev.exactlyonce.chaos.check.Anomaly;
import dev.exactlyonce.chaos.check.AnomalyKind;
import dev.exactlyonce.chaos.report.RunReport.FaultEvent;
import dev.exactlyonce.chaos.report.RunReport.Latency;
import dev.exactlyonce.chaos.report.RunReport.PlantedAnomaly;
import dev.exactlyonce.chaos.report.RunReport.Recovery;
import dev.exactlyonce.chaos.report.RunReport.Target;
import dev.exactlyonce.chaos.report.Table.Tone;
import dev.exactlyonce.chaos.state.ServerState;
import dev.exactlyonce.chaos.state.ServerState.Session;

/** The tables of a report, shared by the console and the HTML page. */
final class Tables {

    private Tables() {
    }

    static Table operations(RunReport report) {
        return Table.titled("Operations")
            .left("operations")
            .right("count")
            .row("issued", Figures.count(report.issued()))
            .row("applied", Figures.count(report.applied()))
            .row("rejected", Figures.count(report.rejected()))
            .row("in doubt at end", Figures.count(report.inDoubtAtEnd()))
            .row(badIfPositive(report.unresolved()), "unresolved", Figures.count(report.unresolved()))
            .row("replayed, compared with the first answer", Figures.count(report.replays()));
    }

    static Table attempts(RunReport report) {
        long total = Figures.totalAttempts(report);
        Table table = Table.titled("HTTP attempts by outcome").left("outcome").right("attempts").right("share");
        for (Map.Entry<String, Long> outcome : Figures.attemptsByCount(report)) {
            table.row(outcome.getKey(), Figures.count(outcome.getValue()), Figures.percent(outcome.getValue(), total));
        }
        return table.row("total", Figures.count(total), Figures.percent(total, total));
    }

    static Table faultsByKind(RunReport report) {
        Table table = Table.titled("Faults by kind").left("fault").right("count");
        Figures.faultsByKind(report).forEach((kind) -> table.row(kind.getKey(), Figures.count(kind.getValue())));
        return table.row("total", Figures.count(report.faults().size()));
    }

    /** Every fault in order, with when it healed and how long answers took to resume. */
    static Table faults(RunReport report) {
        Table table = Table.titled("Every fault")
            .right("#")
            .left("fault")
            .right("start")
            .right("lasted")
            .right("answers resumed after heal")
            .left("detail");
        List<FaultEvent> faults = report.faults();
        for (int i = 0; i < faults.size(); i++) {
            FaultEvent fault = faults.get(i);
            String lasted = Figures.instant(fault) ? "instant"
                    : Figures.duration(fault.healedAtMillis() - fault.startMillis());
            table.row(Figures.resumedAfter(fault).isPresent() ? Tone.PLAIN : Tone.BAD, String.valueOf(i + 1),
                    fault.kind(), Figures.at(fault.startMillis()), lasted, resumedAfter(fault), fault.detail());
        }
        return table;
    }

    static Table anomalies(RunReport report) {
        Table table = Table.titled("Anomalies by kind").left("invariant broken").right("anomalies");
        for (Map.Entry<AnomalyKind, List<Anomaly>> kind : Figures.anomaliesByKind(report).entrySet()) {
            int count = kind.getValue().size();
            table.row(badIfPositive(count), kind.getKey().name(), Figures.count(count));
        }
        return table;
    }

    static Table speed(RunReport report) {
        Latency latency = report.latency();
        return Table.titled("Throughput and latency")
            .left("figure")
            .right("value")
            .row("definite answers per second", Figures.rate(Figures.throughput(report)))
            .row("over the workload", Figures.duration(report.workloadMillis()))
            .row("latency p50", Figures.duration(latency.p50Millis()))
            .row("latency p99", Figures.duration(latency.p99Millis()))
            .row("latency max", Figures.duration(latency.maxMillis()));
    }

    static Table recoveries(RunReport report) {
        Table table = Table.titled("Recovery: from heal to the next definite answer")
            .left("fault")
            .right("count")
            .right("median")
            .right("worst");
        for (Recovery recovery : report.recoveries()) {
            table.row(recovery.kind(), Figures.count(recovery.count()), Figures.duration(recovery.medianMillis()),
                    Figures.duration(recovery.worstMillis()));
        }
        return table;
    }

    static Table targets(RunReport report) {
        Table table = Table.titled("Targets").left("target").left("goal").left("measured").left("status").left("why");
        for (Target target : report.targets()) {
            table.row(target.met() ? Tone.PLAIN : Tone.BAD, target.name(), target.goal(), target.measured(),
                    target.met() ? "MET" : "MISSED", target.met() ? "" : target.why());
        }
        return table;
    }

    static Table selfTest(RunReport report) {
        Table table = Table.titled("Self-test: anomalies planted into a copy of the final state")
            .left("planted")
            .left("expected kind")
            .left("caught");
        for (PlantedAnomaly planted : report.selfTest()) {
            table.row(planted.missed() ? Tone.BAD : Tone.PLAIN, planted.planted(), planted.expectedKind(),
                    !planted.applicable() ? "n/a" : planted.caught() ? "yes" : "NO");
        }
        return table;
    }

    /** What the servers still keep about answered requests: issue 14's measure of the acknowledgement. */
    static Table serverState(RunReport report) {
        ServerState state = report.serverState();
        return Table.titled("Server state at the end (acknowledgement " + (state.acknowledgement() ? "on" : "off") + ")")
            .left("kept")
            .right("count")
            .right("bytes")
            .row("Redis: the starter's records", Figures.count(state.records().keys()), Figures.bytes(state.records().bytes()))
            .row("Redis: the starter's watermarks", Figures.count(state.watermarks().keys()),
                    Figures.bytes(state.watermarks().bytes()))
            .row("Redis: other keys", Figures.count(state.otherKeys().keys()), Figures.bytes(state.otherKeys().bytes()))
            .row("bank: fence rows", Figures.count(state.fenceRows()), "")
            .row(badIfPositive(state.fenceRowsBelowWatermark()), "bank: fence rows below their watermark",
                    Figures.count(state.fenceRowsBelowWatermark()), "")
            .row("bank: watermark rows", Figures.count(state.watermarkRows()), "")
            .row("bank: operations", Figures.count(state.bankOperations()), "")
            .row("client-app: journal operations", Figures.count(state.journalOperations()), "")
            .row("client-app: journal attempts", Figures.count(state.journalAttempts()), "");
    }

    /** Per client session, what each server keeps, against the operations the workload had in flight. */
    static Table sessions(RunReport report) {
        ServerState state = report.serverState();
        Table table = Table.titled("Per session (at most " + Figures.plural(state.operationsInFlight(), "operation",
                "operations") + " in flight)")
            .left("client")
            .left("session")
            .right("watermark")
            .right("highest sequence")
            .right("Redis records")
            .right("Redis bytes")
            .right("fence rows")
            .right("journal rows");
        for (Session session : state.sessions()) {
            table.row(session.client(), session.session(), Figures.count(session.watermark()),
                    Figures.count(session.highestSequence()), Figures.count(session.redisRecords()),
                    Figures.bytes(session.redisBytes()), Figures.count(session.fenceRows()),
                    Figures.count(session.journalOperations()));
        }
        return table;
    }

    private static String resumedAfter(FaultEvent fault) {
        return Figures.resumedAfter(fault).stream().mapToObj(Figures::duration).findFirst().orElse("never");
    }

    private static Tone badIfPositive(long count) {
        return (count > 0) ? Tone.BAD : Tone.PLAIN;
    }

}

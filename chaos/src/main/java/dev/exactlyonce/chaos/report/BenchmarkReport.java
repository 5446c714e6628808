package dev.exactlyonce.chaos.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import dev.exactlyonce.chaos.state.ServerState;
import dev.exactlyonce.chaos.state.ServerState.Session;

/**
 * Issue 14's benchmark as plain text: the same workload run with client-app's acknowledgement on and off, side
 * by side, measured against the goals. With it on, what a server keeps of a session is to stay
 * bounded by the operations in flight plus a small constant, where with it off it grows with every operation
 * in the retention window; and fresh operations are to be as fast (within 5 %). The goals are reported,
 * not enforced: the benchmark fails only when a round's checker does.
 */
public final class BenchmarkReport {

    /** Fresh-operation throughput with the acknowledgement on, at least this share of it off. */
    static final double THROUGHPUT_GOAL = 0.95;

    /**
     * Records of a session beyond the operations in flight that the bound allows: the last request of a
     * session acknowledges only what was definite when it was sent, so it and whatever was in flight beside
     * it stay.
     */
    static final long SESSION_CONSTANT = 2;

    private BenchmarkReport() {
    }

    /** One round: a whole run with the acknowledgement on or off. */
    public record Round(boolean acknowledgement, RunReport report) {

        public Round {
            Objects.requireNonNull(report, "report must not be null");
        }

        String mode() {
            return "ack " + (acknowledgement ? "on" : "off");
        }

        ServerState state() {
            return report.serverState();
        }
    }

    /**
     * Renders the comparison.
     *
     * @param rounds one or more rounds, each mode at most once
     * @return lines separated by {@code \n}, ending with the {@code RESULT:} line and a newline
     */
    public static String render(List<Round> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("A benchmark needs at least one round");
        }
        RunReport first = rounds.get(0).report();
        StringBuilder out = new StringBuilder();
        out.append("ACKNOWLEDGEMENT BENCHMARK  seed ").append(first.seed()).append(", no faults\n");
        rounds.forEach(round -> out.append(round.mode()).append(": ").append(ConsoleReport.oneLine(
                round.report().replayCommand())).append('\n'));
        ConsoleReport.table(out, figures(rounds));
        ConsoleReport.table(out, goals(rounds));
        boolean passed = rounds.stream().allMatch(round -> round.report().passed());
        out.append('\n').append("RESULT: ").append(passed ? "PASS" : "FAIL (" + String.join("; ", rounds.stream()
                .filter(round -> !round.report().passed())
                .map(round -> round.mode() + ": " + Figures.verdict(round.report())).toList()) + ")").append('\n');
        return out.toString();
    }

    static Table figures(List<Round> rounds) {
        Table table = Table.titled("Figures per mode").left("figure");
        rounds.forEach(round -> table.right(round.mode()));
        row(table, rounds, "operations issued", round -> Figures.count(round.report().issued()));
        row(table, rounds, "fresh operations per second", round -> Figures.rate(Figures.throughput(round.report())));
        row(table, rounds, "latency p50 / p99", round -> Figures.duration(round.report().latency().p50Millis()) + " / "
                + Figures.duration(round.report().latency().p99Millis()));
        row(table, rounds, "Redis records (starter)", round -> Figures.count(round.state().records().keys()));
        row(table, rounds, "Redis record bytes", round -> Figures.bytes(round.state().records().bytes()));
        row(table, rounds, "Redis watermarks", round -> Figures.count(round.state().watermarks().keys()));
        row(table, rounds, "bank fence rows", round -> Figures.count(round.state().fenceRows()));
        row(table, rounds, "bank watermark rows", round -> Figures.count(round.state().watermarkRows()));
        row(table, rounds, "bank operations", round -> Figures.count(round.state().bankOperations()));
        row(table, rounds, "client-app journal rows", round -> Figures.count(round.state().journalOperations()));
        row(table, rounds, "client-app journal attempts", round -> Figures.count(round.state().journalAttempts()));
        row(table, rounds, "sessions", round -> Figures.count(round.state().sessions().size()));
        row(table, rounds, "operations in flight (at most)", round -> Figures.count(round.state().operationsInFlight()));
        row(table, rounds, "Redis records per session (max / mean)",
                round -> perSession(round.state(), Session::redisRecords));
        row(table, rounds, "fence rows per session (max / mean)", round -> perSession(round.state(), Session::fenceRows));
        row(table, rounds, "journal rows per session (max / mean)",
                round -> perSession(round.state(), Session::journalOperations));
        row(table, rounds, "checker", round -> round.report().passed() ? "PASS" : "FAIL");
        return table;
    }

    static Table goals(List<Round> rounds) {
        Table table = Table.titled("Goals (issue 14)").left("goal").left("measured").left("status");
        Round on = rounds.stream().filter(Round::acknowledgement).findFirst().orElse(null);
        Round off = rounds.stream().filter(round -> !round.acknowledgement()).findFirst().orElse(null);
        if (on != null && off != null) {
            double ratio = Figures.throughput(off.report()) == 0 ? 0
                    : Figures.throughput(on.report()) / Figures.throughput(off.report());
            boolean met = ratio >= THROUGHPUT_GOAL;
            table.row(met ? Table.Tone.PLAIN : Table.Tone.BAD,
                    "fresh-operation throughput on / off >= " + String.format(Locale.ROOT, "%.2f", THROUGHPUT_GOAL),
                    String.format(Locale.ROOT, "%.3f", ratio), met ? "MET" : "MISSED");
        }
        if (on != null) {
            ServerState state = on.state();
            long bound = state.operationsInFlight() + SESSION_CONSTANT;
            long most = Math.max(state.mostPerSession(Session::redisRecords), state.mostPerSession(Session::fenceRows));
            boolean met = most <= bound && !state.sessions().isEmpty();
            table.row(met ? Table.Tone.PLAIN : Table.Tone.BAD,
                    "with ack on, Redis records and fence rows per session <= in flight + " + SESSION_CONSTANT + " = "
                            + bound,
                    state.sessions().isEmpty() ? "no session" : "at most " + Figures.count(most), met ? "MET" : "MISSED");
        }
        return table;
    }

    private static void row(Table table, List<Round> rounds, String figure, Function<Round, String> value) {
        List<String> cells = new ArrayList<>();
        cells.add(figure);
        rounds.forEach(round -> cells.add(value.apply(round)));
        table.row(cells.toArray(String[]::new));
    }

    private static String perSession(ServerState state, ToLongFunction<Session> figure) {
        return Figures.count(state.mostPerSession(figure)) + " / "
                + String.format(Locale.ROOT, "%.1f", state.meanPerSession(figure));
    }
}

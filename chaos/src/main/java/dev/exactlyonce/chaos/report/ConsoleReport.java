package dev.exactlyonce.chaos.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.exactlyonce.chaos.check.Anomaly;
import dev.exactlyonce.chaos.check.AnomalyKind;
import dev.exactlyonce.chaos.report.Table.Align;
import dev.exactlyonce.chaos.report.Table.Column;
import dev.exactlyonce.chaos.report.Table.Row;

/**
 * A run's report as plain text for a CI log: aligned columns, no colours, ASCII apart from what the run
 * itself recorded. The seed and the replay command come first so that a failed build can be replayed without
 * scrolling; the last line is {@code RESULT: PASS} or {@code RESULT: FAIL (reasons)}, for a human or a grep.
 */
public final class ConsoleReport {

    private static final String INDENT = "  ";

    private static final String GAP = "  ";

    private ConsoleReport() {
    }

    /**
     * Renders the report.
     * @param report the run's report
     * @return lines separated by {@code \n}, ending with the {@code RESULT:} line and a newline
     */
    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder();
        out.append("CHAOS RUN  seed ").append(report.seed()).append('\n');
        out.append("replay:    ").append(oneLine(report.replayCommand())).append('\n');
        out.append("started:   ").append(Figures.started(report)).append('\n');
        out.append("workload:  ").append(Figures.duration(report.workloadMillis())).append('\n');
        table(out, Tables.operations(report));
        table(out, Tables.attempts(report));
        table(out, Tables.faultsByKind(report));
        table(out, Tables.anomalies(report));
        anomalyDetails(out, Figures.anomaliesByKind(report));
        table(out, Tables.speed(report));
        table(out, Tables.recoveries(report));
        table(out, Tables.targets(report));
        table(out, Tables.selfTest(report));
        table(out, Tables.serverState(report));
        table(out, Tables.sessions(report));
        out.append('\n').append("RESULT: ").append(oneLine(Figures.verdict(report))).append('\n');
        return out.toString();
    }

    private static void anomalyDetails(StringBuilder out, Map<AnomalyKind, List<Anomaly>> byKind) {
        if (byKind.values().stream().anyMatch((anomalies) -> !anomalies.isEmpty())) {
            out.append('\n');
        }
        byKind.forEach((kind, anomalies) -> {
            if (anomalies.isEmpty()) {
                return;
            }
            out.append(INDENT).append(kind).append(" (").append(Figures.count(anomalies.size())).append("):\n");
            anomalies.stream()
                .limit(Figures.DETAILS_PER_KIND)
                .forEach((anomaly) -> out.append(INDENT).append("  - ").append(oneLine(anomaly.detail())).append('\n'));
            if (anomalies.size() > Figures.DETAILS_PER_KIND) {
                out.append(INDENT).append("  ... and ")
                    .append(Figures.count(anomalies.size() - Figures.DETAILS_PER_KIND))
                    .append(" more\n");
            }
        });
    }

    static void table(StringBuilder out, Table table) {
        out.append('\n').append(table.title().toUpperCase(Locale.ROOT)).append('\n');
        List<Column> columns = table.columns();
        List<Row> rows = table.rows();
        if (rows.isEmpty()) {
            out.append(INDENT).append("(none)\n");
            return;
        }
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).header().length();
            for (Row row : rows) {
                widths[c] = Math.max(widths[c], oneLine(row.cells().get(c)).length());
            }
        }
        line(out, columns, widths, columns.stream().map(Column::header).toList());
        for (Row row : rows) {
            line(out, columns, widths, row.cells());
        }
    }

    private static void line(StringBuilder out, List<Column> columns, int[] widths, List<String> cells) {
        StringBuilder line = new StringBuilder(INDENT);
        for (int c = 0; c < columns.size(); c++) {
            String cell = oneLine(cells.get(c));
            String padding = " ".repeat(widths[c] - cell.length());
            line.append((c > 0) ? GAP : "");
            line.append((columns.get(c).align() == Align.RIGHT) ? padding + cell : cell + padding);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** Keeps a recorded text on one line, so that a detail cannot break the columns or fake a RESULT line. */
    static String oneLine(String text) {
        return (text != null) ? text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ") : "";
    }

}

package dev.exactlyonce.chaos.report;

import java.util.List;
import java.util.Map;

import dev.exactlyonce.chaos.check.Anomaly;
import dev.exactlyonce.chaos.check.AnomalyKind;
import dev.exactlyonce.chaos.report.RunReport.PlantedAnomaly;
import dev.exactlyonce.chaos.report.RunReport.Recovery;
import dev.exactlyonce.chaos.report.Table.Align;
import dev.exactlyonce.chaos.report.Table.Column;
import dev.exactlyonce.chaos.report.Table.Row;
import dev.exactlyonce.chaos.report.Table.Tone;

/**
 * A run's report as one self-contained HTML page: the verdict, seed and replay command at the top, the key
 * figures, a timeline of throughput, errors and latency with every fault marked, and the console's tables.
 * <p>
 * The page is a single file that a CI job can archive and anyone can open offline: styles and charts are
 * inline, there is no script and no URL of any kind. It is also well-formed XML (XHTML syntax, numeric
 * character references only), so tests and tools can parse it. Everything the run recorded is escaped.
 */
public final class HtmlReport {

    private static final String STYLE = """
            :root { --pass: #15803d; --fail: #b91c1c; --ink: #111827; --muted: #6b7280; --line: #e5e7eb; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #f3f4f6; color: var(--ink);
              font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1280px; margin: 0 auto; padding: 16px; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 15px; margin: 0 0 10px; }
            h3 { font-size: 13px; margin: 12px 0 4px; font-family: ui-monospace, Menlo, Consolas, monospace; }
            section, header { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px;
              margin: 0 0 16px; min-width: 0; }
            header { display: flex; gap: 18px; align-items: flex-start; border-left: 8px solid var(--pass); }
            header.fail { border-left-color: var(--fail); }
            header > div { min-width: 0; flex: 1; }
            .badge { flex: none; font-size: 26px; font-weight: 700; color: #fff; background: var(--pass); border-radius: 6px;
              padding: 6px 16px; letter-spacing: 1px; }
            .fail .badge { background: var(--fail); }
            .meta, .caption, .note { color: var(--muted); margin: 0; }
            .caption { font-size: 12px; margin-top: 6px; }
            .reasons { margin: 8px 0 0; padding-left: 20px; color: var(--fail); font-weight: 600; }
            .replay { margin: 10px 0 0; padding: 8px 10px; border-radius: 6px; background: #111827; color: #e5e7eb;
              font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-all; }
            .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(124px, 1fr)); gap: 10px; margin: 0 0 16px; }
            .tile { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
            .tile b { display: block; font-size: 20px; white-space: nowrap; font-variant-numeric: tabular-nums; }
            .tile span { color: var(--muted); font-size: 12px; }
            .tile.bad { border-color: #fca5a5; background: #fef2f2; }
            .tile.bad b { color: var(--fail); }
            .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(360px, 100%), 1fr)); gap: 16px;
              align-items: start; margin: 0 0 16px; }
            .grid section { margin: 0; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
            th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
            th { font-size: 12px; font-weight: 600; color: var(--muted); }
            .num { text-align: right; white-space: nowrap; }
            tr.bad td { background: #fef2f2; color: #991b1b; }
            ul.details { margin: 0; padding-left: 20px; font: 12px/1.5 ui-monospace, Menlo, Consolas, monospace;
              word-break: break-word; }
            summary { cursor: pointer; font-weight: 600; }
            .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0 0 8px; font-size: 13px; }
            .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; margin-right: 6px;
              vertical-align: -2px; opacity: .6; }
            .chart { overflow-x: auto; }
            .chart svg { display: block; width: 100%; min-width: 720px; height: auto; }
            svg text { font-size: 12px; fill: #374151; font-family: inherit; }
            svg .panel-title { font-size: 13px; font-weight: 600; fill: var(--ink); }
            svg .panel-title, svg .key { paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
            svg .axis-title { fill: var(--muted); }
            svg .gridline { stroke: #eef0f3; }
            svg .axis { fill: none; stroke: #9ca3af; }
            svg .band rect { fill-opacity: .2; }
            svg .band .instant { stroke-width: 2; stroke-opacity: .75; }
            svg .band .whisker { stroke-width: 1.5; }
            svg .band .resumed, svg .resumed-key { stroke: #fff; stroke-width: 1; }
            svg .resumed-key { fill: #6b7280; }
            svg .band:hover rect { fill-opacity: .4; }
            svg .throughput { fill: none; stroke: #1f2937; stroke-width: 1.5; stroke-linejoin: round; }
            svg .throughput-area { fill: #1f2937; fill-opacity: .08; }
            svg .errors { fill: #7f1d1d; }
            svg .p50 { fill: none; stroke: #1f2937; stroke-width: 1.5; stroke-linejoin: round; }
            svg .p99 { fill: none; stroke: #b45309; stroke-width: 1.2; stroke-dasharray: 4 2; }
            svg .max { fill: #7c3aed; }
            footer { color: var(--muted); font-size: 12px; text-align: center; padding: 8px 0 24px; }
            @media (max-width: 640px) {
              main { padding: 8px; }
              header { flex-direction: column; gap: 10px; }
            }
            """;

    /** Up to this many faults, the list of every fault is shown unfolded. */
    private static final int FAULTS_SHOWN_OPEN = 20;

    private HtmlReport() {
    }

    /**
     * Renders the report.
     * @param report the run's report
     * @return a complete HTML document
     */
    public static String render(RunReport report) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .append(Html.text("title", null,
                    "Chaos run seed " + report.seed() + ": " + passOrFail(report)))
            .append("\n<style>\n")
            .append(STYLE)
            .append("</style>\n</head>\n<body>\n<main>\n");
        header(html, report);
        tiles(html, report);
        timeline(html, report);
        html.append("<div class=\"grid\">\n");
        anomalies(html, report);
        section(html, Tables.operations(report));
        section(html, Tables.speed(report));
        section(html, Tables.recoveries(report));
        section(html, Tables.faultsByKind(report));
        section(html, Tables.attempts(report));
        html.append("</div>\n");
        section(html, Tables.targets(report));
        section(html, Tables.selfTest(report));
        html.append("<div class=\"grid\">\n");
        section(html, Tables.serverState(report));
        section(html, Tables.sessions(report));
        html.append("</div>\n");
        everyFault(html, report);
        html.append("<footer>Generated by the chaos module from the run's report. This file is self-contained: ")
            .append("no scripts, no external resources.</footer>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, RunReport report) {
        html.append("<header class=\"").append(report.passed() ? "pass" : "fail").append("\">\n")
            .append(Html.text("div", "badge", passOrFail(report)))
            .append("\n<div>\n")
            .append(Html.text("h1", null, "Chaos run, seed " + report.seed()))
            .append('\n')
            .append(Html.text("p", "meta",
                    "started " + Figures.started(report) + " \u00b7 workload "
                            + Figures.duration(report.workloadMillis()) + " \u00b7 " + Figures.plural(report.issued(), "operation", "operations") + " \u00b7 "
                            + Figures.plural(report.faults().size(), "fault", "faults")))
            .append('\n');
        List<String> reasons = Figures.failureReasons(report);
        if (!reasons.isEmpty()) {
            html.append("<ul class=\"reasons\">");
            reasons.forEach((reason) -> html.append(Html.text("li", null, reason)));
            html.append("</ul>\n");
        }
        html.append("<pre class=\"replay\"><code>")
            .append(Html.escape(report.replayCommand()))
            .append("</code></pre>\n</div>\n</header>\n");
    }

    /** The figures a reader looks at first; a tile turns red when its figure fails the run or misses a target. */
    private static void tiles(StringBuilder html, RunReport report) {
        long missedTargets = report.targets().stream().filter((target) -> !target.met()).count();
        long caught = report.selfTest().stream().filter(PlantedAnomaly::caught).count();
        long slowestRecovery = report.recoveries().stream().mapToLong(Recovery::worstMillis).max().orElse(0);
        html.append("<div class=\"tiles\">\n");
        tile(html, "anomalies", Figures.count(report.anomalies().size()), !report.anomalies().isEmpty());
        tile(html, "unresolved operations", Figures.count(report.unresolved()), report.unresolved() != 0);
        tile(html, "self-test caught", caught + " of " + report.selfTest().size(), caught < report.selfTest().size());
        tile(html, "targets met", (report.targets().size() - missedTargets) + " of " + report.targets().size(),
                missedTargets > 0);
        tile(html, "definite answers per second", Figures.rate(Figures.throughput(report)), false);
        tile(html, "latency p50", Figures.duration(report.latency().p50Millis()), false);
        tile(html, "latency p99", Figures.duration(report.latency().p99Millis()), false);
        tile(html, "latency max", Figures.duration(report.latency().maxMillis()), false);
        tile(html, "slowest recovery", Figures.duration(slowestRecovery), false);
        html.append("</div>\n");
    }

    private static void tile(StringBuilder html, String label, String value, boolean bad) {
        html.append("<div class=\"tile").append(bad ? " bad" : "").append("\">")
            .append(Html.text("b", null, value))
            .append(Html.text("span", null, label))
            .append("</div>\n");
    }

    private static void timeline(StringBuilder html, RunReport report) {
        html.append("<section>\n<h2>Timeline</h2>\n<div class=\"legend\">");
        Map<String, String> colours = TimelineChart.colours(report);
        Figures.faultsByKind(report).forEach((kind) -> html.append("<span><i class=\"swatch\" style=\"background:")
            .append(Html.escape(colours.get(kind.getKey())))
            .append("\"></i>")
            .append(Html.escape(kind.getKey() + " \u00d7 " + kind.getValue()))
            .append("</span>"));
        html.append(report.faults().isEmpty() ? Html.text("span", "note", "no faults were injected")
                : Html.text("span", "note", "band: fault from start to heal; thin line: instant fault"));
        html.append("</div>\n<div class=\"chart\">")
            .append(TimelineChart.render(report))
            .append("</div>\n")
            .append(Html.text("p", "caption", bucketCaption(TimelineChart.timeline(report))
                    + " Hover over a fault for its detail, how long it lasted and when answers resumed."))
            .append("\n</section>\n");
    }

    private static String bucketCaption(Timeline timeline) {
        if (timeline.bucketSeconds() == 1) {
            return "Each point is one second.";
        }
        return "Each point covers " + timeline.bucketSeconds() + " s: rates are averaged over it, p50 is the median"
                + " of its seconds' medians, p99 and max are its worst second's.";
    }

    private static void anomalies(StringBuilder html, RunReport report) {
        html.append("<section>\n");
        titledTable(html, Tables.anomalies(report));
        for (Map.Entry<AnomalyKind, List<Anomaly>> kind : Figures.anomaliesByKind(report).entrySet()) {
            List<Anomaly> anomalies = kind.getValue();
            if (anomalies.isEmpty()) {
                continue;
            }
            html.append(Html.text("h3", null, kind.getKey() + " (" + Figures.count(anomalies.size()) + ")"))
                .append("<ul class=\"details\">");
            anomalies.stream()
                .limit(Figures.DETAILS_PER_KIND)
                .forEach((anomaly) -> html.append(Html.text("li", null, anomaly.detail())));
            if (anomalies.size() > Figures.DETAILS_PER_KIND) {
                html.append(Html.text("li", "note",
                        "and " + Figures.count(anomalies.size() - Figures.DETAILS_PER_KIND) + " more"));
            }
            html.append("</ul>\n");
        }
        html.append("</section>\n");
    }

    /** Every fault, folded away when there are more than a screenful: a two-hour run injects hundreds. */
    private static void everyFault(StringBuilder html, RunReport report) {
        Table faults = Tables.faults(report);
        boolean open = faults.rows().size() <= FAULTS_SHOWN_OPEN;
        html.append("<section>\n")
            .append(open ? "<details open=\"open\">" : "<details>")
            .append(Html.text("summary", null, faults.title() + " (" + faults.rows().size() + ")"))
            .append('\n');
        table(html, faults);
        html.append("</details>\n</section>\n");
    }

    private static void section(StringBuilder html, Table table) {
        html.append("<section>\n");
        titledTable(html, table);
        html.append("</section>\n");
    }

    private static void titledTable(StringBuilder html, Table table) {
        html.append(Html.text("h2", null, table.title())).append('\n');
        table(html, table);
    }

    private static void table(StringBuilder html, Table table) {
        if (table.rows().isEmpty()) {
            html.append(Html.text("p", "note", "none")).append('\n');
            return;
        }
        List<Column> columns = table.columns();
        html.append("<div class=\"scroll\"><table>\n<thead><tr>");
        columns.forEach((column) -> html.append(Html.text("th", alignment(column), column.header())));
        html.append("</tr></thead>\n<tbody>\n");
        for (Row row : table.rows()) {
            html.append((row.tone() == Tone.BAD) ? "<tr class=\"bad\">" : "<tr>");
            for (int c = 0; c < columns.size(); c++) {
                html.append(Html.text("td", alignment(columns.get(c)), row.cells().get(c)));
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table></div>\n");
    }

    private static String passOrFail(RunReport report) {
        return report.passed() ? "PASS" : "FAIL";
    }

    private static String alignment(Column column) {
        return (column.align() == Align.RIGHT) ? "num" : null;
    }

}

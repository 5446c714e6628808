package dev.exactlyonce.chaos.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

import dev.exactlyonce.chaos.report.RunReport.FaultEvent;
import dev.exactlyonce.chaos.report.Timeline.Bucket;

/**
 * The timeline of a run as one SVG: throughput, errors and latency stacked on one x-axis in seconds, with every
 * fault drawn as a band through all three so that a dip, a burst of errors or a latency spike lines up with the
 * fault that caused it. Styling comes from classes the page's stylesheet defines; fault colours are inline
 * because they depend on the run.
 */
final class TimelineChart {

    /** Buckets a chart draws at most; 600 keeps a two-hour run's SVG in the tens of kilobytes. */
    static final int MAX_BUCKETS = 600;

    private static final double WIDTH = 1200;

    private static final double LEFT = 64;

    private static final double RIGHT = 16;

    private static final Panel THROUGHPUT = new Panel("Throughput: definite answers per second", 34, 150);

    private static final Panel ERRORS = new Panel("Errors: failed attempts per second (409, 5xx, timeouts)", 222, 100);

    private static final Panel LATENCY = new Panel("Latency to a definite answer (log scale)", 360, 170);

    private static final double HEIGHT = LATENCY.bottom() + 44;

    /** Tableau 10: distinguishable, and none of them the near-black the data is drawn in. */
    private static final String[] PALETTE = { "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac" };

    /** Tick steps on the x-axis, in seconds. */
    private static final int[] X_STEPS = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600 };

    private static final int MAX_X_TICKS = 12;

    private final RunReport report;

    private final Timeline timeline;

    private final Map<String, String> colours;

    private final List<Double> xTicks;

    private final Svg svg = new Svg();

    private TimelineChart(RunReport report) {
        this.report = report;
        this.timeline = timeline(report);
        this.colours = colours(report);
        this.xTicks = xTicks(this.timeline.spanSeconds());
    }

    static String render(RunReport report) {
        return new TimelineChart(report).draw();
    }

    /** The buckets the chart draws; the page says how long they are. */
    static Timeline timeline(RunReport report) {
        long lastMillis = report.workloadMillis();
        for (FaultEvent fault : report.faults()) {
            lastMillis = Math.max(lastMillis, Math.max(fault.healedAtMillis(), fault.answersResumedAtMillis()));
        }
        int lastSecond = report.timeline().stream().mapToInt((second) -> second.second() + 1).max().orElse(0);
        int span = (int) Math.max(1, Math.max(lastSecond, (lastMillis + 999) / 1000));
        return Timeline.of(report.timeline(), span, MAX_BUCKETS);
    }

    /** A colour per fault kind, the same in the chart and its legend. */
    static Map<String, String> colours(RunReport report) {
        Map<String, String> colours = new LinkedHashMap<>();
        List<String> kinds = Figures.faultKinds(report);
        for (int i = 0; i < kinds.size(); i++) {
            colours.put(kinds.get(i), PALETTE[i % PALETTE.length]);
        }
        return colours;
    }

    private String draw() {
        this.svg.open("svg", "viewBox", "0 0 " + Svg.number(WIDTH) + " " + Svg.number(HEIGHT), "class", "timeline",
                "role", "img", "aria-label", "Throughput, errors and latency over the run, with the faults marked");
        double throughputMax = niceMax(max(Bucket::definitePerSecond));
        double errorsMax = niceMax(max(Bucket::failedPerSecond));
        LogScale latency = LogScale.covering(this.timeline.buckets());
        this.report.faults().forEach(this::fault);
        panel(THROUGHPUT, linearTicks(throughputMax));
        panel(ERRORS, linearTicks(errorsMax));
        panel(LATENCY, latency.ticks());
        xAxis();
        legend(THROUGHPUT, List.of(new Key("resumed-key", "answers resumed after a fault", true)));
        legend(LATENCY,
                List.of(new Key("p50", "p50", false), new Key("p99", "p99", false), new Key("max", "max", true)));
        throughput(linear(THROUGHPUT, throughputMax));
        errors(linear(ERRORS, errorsMax));
        latency(latency.y(LATENCY));
        return this.svg.close("svg").toString();
    }

    private void panel(Panel panel, List<Tick> ticks) {
        this.svg.text("text", panel.title(), "class", "panel-title", "x", LEFT, "y", panel.top() - 12);
        for (Tick tick : ticks) {
            double y = panel.bottom() - tick.fraction() * panel.height();
            this.svg.element("line", "class", "gridline", "x1", LEFT, "y1", y, "x2", WIDTH - RIGHT, "y2", y);
            this.svg.text("text", tick.label(), "class", "tick", "x", LEFT - 6, "y", y + 4, "text-anchor", "end");
        }
        for (double second : this.xTicks) {
            this.svg.element("line", "class", "gridline", "x1", x(second), "y1", panel.top(), "x2", x(second), "y2",
                    panel.bottom());
        }
        this.svg.element("path", "class", "axis",
                "d", "M" + Svg.number(LEFT) + " " + Svg.number(panel.top()) + "V" + Svg.number(panel.bottom()) + "H"
                        + Svg.number(WIDTH - RIGHT));
    }

    private void xAxis() {
        for (double second : this.xTicks) {
            this.svg.text("text", BigDecimal.valueOf(second).stripTrailingZeros().toPlainString(), "class", "tick",
                    "x", x(second), "y", LATENCY.bottom() + 16, "text-anchor", "middle");
        }
        this.svg.text("text", "seconds since the workload started", "class", "axis-title", "x", LEFT + plotWidth() / 2,
                "y", LATENCY.bottom() + 36, "text-anchor", "middle");
    }

    /** Keys right-aligned on the panel's title line. */
    private void legend(Panel panel, List<Key> keys) {
        double x = WIDTH - RIGHT;
        double y = panel.top() - 12;
        for (int i = keys.size() - 1; i >= 0; i--) {
            Key key = keys.get(i);
            x -= 22 + key.label().length() * 6.5;
            if (key.dot()) {
                this.svg.element("circle", "class", key.style(), "cx", x + 9, "cy", y - 4, "r", 3.5);
            }
            else {
                this.svg.element("line", "class", key.style(), "x1", x, "y1", y - 4, "x2", x + 18, "y2", y - 4);
            }
            this.svg.text("text", key.label(), "class", "tick key", "x", x + 22, "y", y);
            x -= 16;
        }
    }

    /**
     * A band (a line if instant) through all three panels, and a whisker from the heal to the next answer. Bands
     * go first so that grid, titles and data are drawn over them.
     */
    private void fault(FaultEvent fault) {
        String colour = this.colours.get(fault.kind());
        double top = THROUGHPUT.top();
        double height = LATENCY.bottom() - top;
        double start = x(fault.startMillis() / 1000.0);
        double healed = x(fault.healedAtMillis() / 1000.0);
        this.svg.open("g", "class", "band");
        this.svg.text("title", hoverText(fault));
        if (Figures.instant(fault)) {
            this.svg.element("line", "class", "instant", "x1", start, "y1", top, "x2", start, "y2", top + height,
                    "stroke", colour);
        }
        else {
            this.svg.element("rect", "x", start, "y", top, "width", Math.max(2, healed - start), "height", height,
                    "fill", colour);
        }
        OptionalLong resumedAfter = Figures.resumedAfter(fault);
        if (resumedAfter.isPresent()) {
            double resumed = x(fault.answersResumedAtMillis() / 1000.0);
            double y = top + 6;
            this.svg.element("line", "class", "whisker", "x1", healed, "y1", y, "x2", resumed, "y2", y, "stroke",
                    colour);
            this.svg.element("circle", "class", "resumed", "cx", resumed, "cy", y, "r", 3.5, "fill", colour);
        }
        this.svg.close("g");
    }

    private static String hoverText(FaultEvent fault) {
        String when = Figures.instant(fault) ? "instant, at " + Figures.at(fault.startMillis())
                : "from " + Figures.at(fault.startMillis()) + " to " + Figures.at(fault.healedAtMillis()) + ", "
                        + Figures.duration(fault.healedAtMillis() - fault.startMillis());
        String resumed = Figures.resumedAfter(fault)
            .stream()
            .mapToObj((millis) -> "answers resumed " + Figures.duration(millis) + " after the heal")
            .findFirst()
            .orElse("answers did not resume");
        String detail = (fault.detail() == null || fault.detail().isBlank()) ? "" : "\n" + fault.detail();
        return fault.kind() + " (" + when + ")\n" + resumed + detail;
    }

    private void throughput(DoubleUnaryOperator y) {
        List<Bucket> buckets = this.timeline.buckets();
        StringBuilder line = new StringBuilder();
        for (Bucket bucket : buckets) {
            line.append(line.isEmpty() ? "M" : "L")
                .append(Svg.number(x(bucket.midSecond())))
                .append(' ')
                .append(Svg.number(y.applyAsDouble(bucket.definitePerSecond())));
        }
        String area = line + "V" + Svg.number(THROUGHPUT.bottom()) + "H" + Svg.number(x(buckets.get(0).midSecond()))
                + "Z";
        this.svg.element("path", "class", "throughput-area", "d", area);
        this.svg.element("path", "class", "throughput", "d", line.toString());
    }

    private void errors(DoubleUnaryOperator y) {
        for (Bucket bucket : this.timeline.buckets()) {
            if (bucket.failedPerSecond() > 0) {
                double left = x(bucket.startSecond());
                double width = x(bucket.endSecond()) - left;
                double top = y.applyAsDouble(bucket.failedPerSecond());
                this.svg.element("rect", "class", "errors", "x", left + width * 0.1, "y", top, "width", width * 0.8,
                        "height", ERRORS.bottom() - top);
            }
        }
    }

    private void latency(DoubleUnaryOperator y) {
        this.svg.element("path", "class", "p99", "d", brokenLine(y, Bucket::p99Millis));
        this.svg.element("path", "class", "p50", "d", brokenLine(y, Bucket::p50Millis));
        for (Bucket bucket : this.timeline.buckets()) {
            if (bucket.answered()) {
                this.svg.element("circle", "class", "max", "cx", x(bucket.midSecond()), "cy",
                        y.applyAsDouble(bucket.maxMillis()), "r", 1.8);
            }
        }
    }

    /** A line through the buckets with answers, broken where none came: no answer is not a latency of 0. */
    private String brokenLine(DoubleUnaryOperator y, ToDoubleFunction<Bucket> value) {
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        for (Bucket bucket : this.timeline.buckets()) {
            if (bucket.answered()) {
                path.append(drawing ? "L" : "M")
                    .append(Svg.number(x(bucket.midSecond())))
                    .append(' ')
                    .append(Svg.number(y.applyAsDouble(value.applyAsDouble(bucket))));
            }
            drawing = bucket.answered();
        }
        return path.toString();
    }

    private double x(double second) {
        return LEFT + second * plotWidth() / this.timeline.spanSeconds();
    }

    private static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private double max(ToDoubleFunction<Bucket> value) {
        return this.timeline.buckets().stream().mapToDouble(value).max().orElse(0);
    }

    private static DoubleUnaryOperator linear(Panel panel, double max) {
        return (value) -> panel.bottom() - value / max * panel.height();
    }

    private static List<Tick> linearTicks(double max) {
        double step = niceStep(max / 4);
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i * step <= max * 1.0001; i++) {
            double value = i * step;
            ticks.add(new Tick(value / max, BigDecimal.valueOf(value).round(new MathContext(3))
                .stripTrailingZeros()
                .toPlainString()));
        }
        return ticks;
    }

    private static List<Double> xTicks(int spanSeconds) {
        int step = X_STEPS[X_STEPS.length - 1];
        for (int candidate : X_STEPS) {
            if (spanSeconds / candidate <= MAX_X_TICKS) {
                step = candidate;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (int second = 0; second <= spanSeconds; second += step) {
            ticks.add((double) second);
        }
        return ticks;
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code value}. */
    private static double niceStep(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        double residual = value / magnitude;
        return magnitude * ((residual <= 1) ? 1 : (residual <= 2) ? 2 : (residual <= 5) ? 5 : 10);
    }

    private static double niceMax(double max) {
        if (max <= 0) {
            return 1;
        }
        double step = niceStep(max / 4);
        return Math.ceil(max / step - 1e-9) * step;
    }

    private record Panel(String title, double top, double height) {

        double bottom() {
            return this.top + this.height;
        }

    }

    private record Tick(double fraction, String label) {
    }

    /** An item of a panel's legend: a dot or a line drawn with the class {@code style}. */
    private record Key(String style, String label, boolean dot) {
    }

    /** Milliseconds on a log scale, whole decades from below the fastest median to above the slowest answer. */
    private record LogScale(double lowMillis, double highMillis) {

        static LogScale covering(List<Bucket> buckets) {
            long fastest = buckets.stream()
                .filter(Bucket::answered)
                .mapToLong(Bucket::p50Millis)
                .filter((millis) -> millis > 0)
                .min()
                .orElse(1);
            long slowest = buckets.stream().mapToLong(Bucket::maxMillis).max().orElse(1);
            double low = Math.pow(10, Math.floor(Math.log10(fastest)));
            double high = Math.max(low * 10, Math.pow(10, Math.ceil(Math.log10(Math.max(slowest, 1)))));
            return new LogScale(low, high);
        }

        DoubleUnaryOperator y(Panel panel) {
            return (millis) -> panel.bottom() - fraction(millis) * panel.height();
        }

        List<Tick> ticks() {
            List<Tick> ticks = new ArrayList<>();
            for (double millis = this.lowMillis; millis <= this.highMillis * 1.0001; millis *= 10) {
                ticks.add(new Tick(fraction(millis), label(millis)));
            }
            return ticks;
        }

        private double fraction(double millis) {
            double clamped = Math.min(this.highMillis, Math.max(this.lowMillis, millis));
            return Math.log10(clamped / this.lowMillis) / Math.log10(this.highMillis / this.lowMillis);
        }

        private static String label(double millis) {
            return (millis < 1000) ? Math.round(millis) + " ms" : Math.round(millis / 1000) + " s";
        }

    }

}

package dev.exactlyonce.client.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of a balance-history line chart, computed here so the template only draws it as inline
 * SVG: no chart library, nothing fetched at run time. Points are spaced evenly by operation rather than
 * by time, so a burst of operations stays readable next to a quiet week.
 *
 * @param points one per balance, oldest first, in SVG coordinates
 * @param line the {@code points} attribute of the polyline
 * @param area the {@code d} attribute of the filled area under the line
 * @param gridLines horizontal guides with their amount labels
 * @param firstLabel when the first point happened
 * @param lastLabel when the last point happened
 * @param summary one sentence for screen readers and the figure caption
 * @param left where the plot starts: room for the longest amount label, even at a phone's larger font
 */
record BalanceChart(List<Point> points, String line, String area, List<GridLine> gridLines, String firstLabel,
        String lastLabel, String summary, double left) {

    static final int WIDTH = 640;

    static final int HEIGHT = 240;

    /** Width of one label character at the largest font the stylesheet uses (22px on a phone). */
    private static final int CHARACTER = 13;

    private static final int RIGHT = 16;

    private static final int TOP = 14;

    private static final int BOTTOM = 34;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    /** A balance at a moment. */
    record Sample(Instant at, long balance) {
    }

    /** A drawn point and what it says when hovered or read out. */
    record Point(double x, double y, String label, boolean last) {
    }

    /** A horizontal guide line. */
    record GridLine(double y, String label) {
    }

    /**
     * Lays out the samples.
     *
     * @param samples balances oldest first; an empty list gives an empty chart
     * @param zone the zone dates are shown in
     */
    static BalanceChart of(List<Sample> samples, String currency, ZoneId zone) {
        if (samples.isEmpty()) {
            return new BalanceChart(List.of(), "", "", List.of(), "", "", "No balance history yet.", 0);
        }
        long min = Math.min(0, samples.stream().mapToLong(Sample::balance).min().orElseThrow());
        long max = samples.stream().mapToLong(Sample::balance).max().orElseThrow();
        long step = niceStep(Math.max(max - min, 1));
        long low = Math.floorDiv(min, step) * step;
        long high = Math.max(low + step, -Math.floorDiv(-max, step) * step);

        List<String> labels = new ArrayList<>();
        for (long value = low; value <= high; value += step) {
            labels.add(Money.format(value, currency));
        }
        double left = 16 + CHARACTER * labels.stream().mapToInt(String::length).max().orElse(0);
        double plotWidth = WIDTH - left - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        int n = samples.size();
        List<Point> points = new ArrayList<>(n);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Sample sample = samples.get(i);
            double x = round(n == 1 ? left + plotWidth / 2 : left + plotWidth * i / (n - 1));
            double y = round(TOP + plotHeight * (high - sample.balance()) / (double) (high - low));
            points.add(new Point(x, y, Money.format(sample.balance(), currency) + " on "
                    + WHEN.format(sample.at().atZone(zone)), i == n - 1));
            line.append(i == 0 ? "" : " ").append(x).append(',').append(y);
        }
        double baseY = round(TOP + plotHeight * high / (double) (high - low));
        baseY = Math.min(Math.max(baseY, TOP), TOP + plotHeight);
        String area = "M" + points.get(0).x() + "," + baseY + " L" + line.toString().replace(" ", " L")
                + " L" + points.get(n - 1).x() + "," + baseY + " Z";

        List<GridLine> grid = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            long value = low + i * step;
            grid.add(new GridLine(round(TOP + plotHeight * (high - value) / (double) (high - low)), labels.get(i)));
        }
        Sample first = samples.get(0);
        Sample last = samples.get(n - 1);
        String summary = "Balance over the last " + n + (n == 1 ? " change" : " changes") + ": from "
                + Money.format(first.balance(), currency) + " to " + Money.format(last.balance(), currency)
                + ", lowest " + Money.format(samples.stream().mapToLong(Sample::balance).min().orElseThrow(), currency)
                + ", highest " + Money.format(max, currency) + ".";
        return new BalanceChart(points, line.toString(), area, grid, WHEN.format(first.at().atZone(zone)),
                WHEN.format(last.at().atZone(zone)), summary, left);
    }

    /** The SVG viewBox. */
    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    public double right() {
        return WIDTH - RIGHT;
    }

    public double bottom() {
        return HEIGHT - 8;
    }

    public boolean empty() {
        return points.isEmpty();
    }

    /** A step of 1, 2 or 5 times a power of ten that divides the range into at most five bands. */
    private static long niceStep(long range) {
        long step = 1;
        while (range / step > 5) {
            if (range / (step * 2) <= 5) {
                return step * 2;
            }
            if (range / (step * 5) <= 5) {
                return step * 5;
            }
            step *= 10;
        }
        return step;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

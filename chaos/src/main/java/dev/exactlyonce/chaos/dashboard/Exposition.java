package dev.exactlyonce.chaos.dashboard;

import java.util.Set;
import java.util.TreeSet;

/**
 * The series names in a Prometheus text exposition ({@code /actuator/prometheus}): the names of the sample
 * lines, which are the names Prometheus stores and PromQL selects. They carry the suffixes the metadata lines
 * leave off: a counter {@code x} is exposed as {@code x_total}, a timer as {@code x_seconds_count},
 * {@code x_seconds_sum}, {@code x_seconds_max} and, with a histogram, {@code x_seconds_bucket}.
 */
final class Exposition {

    private Exposition() {
    }

    static Set<String> seriesNames(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            String sample = line.strip();
            if (sample.isEmpty() || sample.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < sample.length() && sample.charAt(end) != '{' && !Character.isWhitespace(sample.charAt(end))) {
                end++;
            }
            names.add(sample.substring(0, end));
        }
        return names;
    }
}

package dev.exactlyonce.chaos.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.exactlyonce.chaos.report.RunReport.TimelineSecond;

/**
 * A run's seconds grouped into buckets of equal length, so that a chart of a two-hour run has a few hundred
 * points rather than seven thousand.
 *
 * @param bucketSeconds the length of every bucket but possibly the last
 * @param spanSeconds the seconds the timeline covers, from 0
 * @param buckets the buckets in order, together covering {@code spanSeconds}
 */
record Timeline(int bucketSeconds, int spanSeconds, List<Bucket> buckets) {

    /** Bucket lengths a reader can count in. */
    private static final int[] BUCKET_SECONDS = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600 };

    /**
     * Groups seconds into the shortest bucket length that needs no more than {@code maxBuckets} buckets.
     * Seconds missing from {@code seconds} count as seconds without answers or attempts.
     */
    static Timeline of(List<TimelineSecond> seconds, int spanSeconds, int maxBuckets) {
        if (spanSeconds < 1 || maxBuckets < 1) {
            throw new IllegalArgumentException("A timeline needs a span and a bucket count of at least 1, got "
                    + spanSeconds + " s in " + maxBuckets + " buckets");
        }
        int bucketSeconds = bucketSeconds(spanSeconds, maxBuckets);
        List<List<TimelineSecond>> grouped = new ArrayList<>();
        for (int start = 0; start < spanSeconds; start += bucketSeconds) {
            grouped.add(new ArrayList<>());
        }
        for (TimelineSecond second : seconds) {
            if (second.second() >= 0 && second.second() < spanSeconds) {
                grouped.get(second.second() / bucketSeconds).add(second);
            }
        }
        List<Bucket> buckets = new ArrayList<>(grouped.size());
        for (int i = 0; i < grouped.size(); i++) {
            int start = i * bucketSeconds;
            buckets.add(Bucket.of(start, Math.min(bucketSeconds, spanSeconds - start), grouped.get(i)));
        }
        return new Timeline(bucketSeconds, spanSeconds, List.copyOf(buckets));
    }

    private static int bucketSeconds(int spanSeconds, int maxBuckets) {
        for (int candidate : BUCKET_SECONDS) {
            if ((spanSeconds + candidate - 1) / candidate <= maxBuckets) {
                return candidate;
            }
        }
        return (spanSeconds + maxBuckets - 1) / maxBuckets;
    }

    /**
     * Some seconds of the run. Rates are averages over the bucket. Percentiles of the answers cannot be merged
     * exactly from per-second figures, so the bucket's p50 is the median of its seconds' medians weighted by
     * their answers, and its p99 and max are those of its worst second: a bucket never looks better than the
     * seconds in it.
     *
     * @param answered whether any operation got its definite answer in the bucket; latencies are 0 otherwise
     */
    record Bucket(int startSecond, int seconds, double definitePerSecond, double failedPerSecond, long p50Millis,
            long p99Millis, long maxMillis, boolean answered) {

        static Bucket of(int startSecond, int seconds, List<TimelineSecond> in) {
            long definite = in.stream().mapToLong(TimelineSecond::definite).sum();
            long failed = in.stream().mapToLong(TimelineSecond::failedAttempts).sum();
            long p99 = in.stream().filter((s) -> s.definite() > 0).mapToLong(TimelineSecond::p99Millis).max().orElse(0);
            long max = in.stream().filter((s) -> s.definite() > 0).mapToLong(TimelineSecond::maxMillis).max().orElse(0);
            return new Bucket(startSecond, seconds, (double) definite / seconds, (double) failed / seconds,
                    weightedMedianOfMedians(in, definite), p99, max, definite > 0);
        }

        double endSecond() {
            return this.startSecond + this.seconds;
        }

        double midSecond() {
            return this.startSecond + this.seconds / 2.0;
        }

        private static long weightedMedianOfMedians(List<TimelineSecond> in, long definite) {
            List<TimelineSecond> answered = in.stream()
                .filter((s) -> s.definite() > 0)
                .sorted(Comparator.comparingLong(TimelineSecond::p50Millis))
                .toList();
            long seen = 0;
            for (TimelineSecond second : answered) {
                seen += second.definite();
                if (2 * seen >= definite) {
                    return second.p50Millis();
                }
            }
            return 0;
        }

    }

}

package dev.exactlyonce.chaos.report;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.chaos.report.RunReport.TimelineSecond;
import dev.exactlyonce.chaos.report.Timeline.Bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimelineTests {

    @Test
    void keepsOneSecondPerBucketForAShortRun() {
        Timeline timeline = Timeline.of(steadySeconds(60), 60, 600);

        assertThat(timeline.bucketSeconds()).isOne();
        assertThat(timeline.buckets()).hasSize(60);
    }

    @Test
    void groupsATwoHourRunIntoFifteenSecondBuckets() {
        Timeline timeline = Timeline.of(steadySeconds(7_200), 7_200, 600);

        assertThat(timeline.bucketSeconds()).isEqualTo(15);
        assertThat(timeline.buckets()).hasSize(480);
    }

    @Test
    void averagesRatesAndTakesTheWorstSecondsP99AndMax() {
        List<TimelineSecond> seconds = List.of(new TimelineSecond(0, 100, 0, 10, 50, 80),
                new TimelineSecond(1, 10, 30, 900, 3_000, 4_000), new TimelineSecond(2, 100, 0, 12, 40, 60));

        Bucket bucket = Timeline.of(seconds, 3, 1).buckets().get(0);

        assertThat(bucket.definitePerSecond()).isCloseTo(70, within(0.001));
        assertThat(bucket.failedPerSecond()).isCloseTo(10, within(0.001));
        assertThat(bucket.p50Millis()).isEqualTo(12);
        assertThat(bucket.p99Millis()).isEqualTo(3_000);
        assertThat(bucket.maxMillis()).isEqualTo(4_000);
    }

    @Test
    void aShortLastBucketAveragesOverTheSecondsItCovers() {
        Timeline timeline = Timeline.of(steadySeconds(61), 61, 30);

        Bucket last = timeline.buckets().get(timeline.buckets().size() - 1);

        assertThat(timeline.bucketSeconds()).isEqualTo(5);
        assertThat(last.seconds()).isOne();
        assertThat(last.definitePerSecond()).isEqualTo(100);
    }

    @Test
    void marksBucketsWithoutAnswersAsUnanswered() {
        List<TimelineSecond> seconds = List.of(new TimelineSecond(0, 100, 0, 10, 50, 80),
                new TimelineSecond(1, 0, 40, 0, 0, 0));

        Timeline timeline = Timeline.of(seconds, 3, 600);

        assertThat(timeline.buckets()).extracting(Bucket::answered).containsExactly(true, false, false);
    }

    private static List<TimelineSecond> steadySeconds(int count) {
        List<TimelineSecond> seconds = new ArrayList<>();
        for (int second = 0; second < count; second++) {
            seconds.add(new TimelineSecond(second, 100, 1, 15, 60, 90));
        }
        return seconds;
    }

}

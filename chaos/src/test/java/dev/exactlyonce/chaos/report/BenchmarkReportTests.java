package dev.exactlyonce.chaos.report;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.chaos.report.BenchmarkReport.Round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkReportTests {

    @Test
    void showsEachModesFiguresSideBySide() {
        String text = BenchmarkReport.render(rounds(60_000, 60_000, true));

        assertThat(text).containsPattern("(?m)^  figure +ack on +ack off$")
            .containsPattern("(?m)^  Redis records \\(starter\\) +605 +4,100$")
            .containsPattern("(?m)^  bank fence rows +645 +4,140$")
            .containsPattern("(?m)^  Redis records per session \\(max / mean\\) +3 / 2\\.5 +2,000 / 1750\\.0$")
            .containsPattern("(?m)^  operations in flight \\(at most\\) +4 +4$")
            .containsPattern("(?m)^  sessions +2 +2$");
    }

    @Test
    void measuresTheThroughputRatioAgainstTheGoal() {
        String equal = BenchmarkReport.render(rounds(60_000, 60_000, true));
        String slower = BenchmarkReport.render(rounds(66_000, 60_000, true));

        assertThat(equal).containsPattern("throughput on / off >= 0\\.95 +1\\.000 +MET");
        // The same operations in 10 % more time: 0.909 of the throughput with the acknowledgement off.
        assertThat(slower).containsPattern("throughput on / off >= 0\\.95 +0\\.909 +MISSED");
    }

    @Test
    void boundsTheStatePerSessionByTheOperationsInFlightWithTheAcknowledgementOn() {
        String text = BenchmarkReport.render(rounds(60_000, 60_000, true));

        assertThat(text).containsPattern("per session <= in flight \\+ 2 = 6 +at most 3 +MET");
    }

    @Test
    void reportsTheBoundMissedWhenTheStateGrowsWithTheAcknowledgementOn() {
        // A round that says "on" but kept every record, as a server ignoring the acknowledgement would.
        RunReport grown = RunReportFixture.benchmarkRound(false, 60_000, true);
        String text = BenchmarkReport.render(List.of(new Round(true, grown)));

        assertThat(text).containsPattern("per session <= in flight \\+ 2 = 6 +at most 2,000 +MISSED");
    }

    @Test
    void passesOnlyWhenEveryRoundsCheckerPassed() {
        List<String> passing = lines(BenchmarkReport.render(rounds(60_000, 60_000, true)));
        List<String> failing = lines(BenchmarkReport.render(rounds(60_000, 60_000, false)));

        assertThat(passing.get(passing.size() - 1)).isEqualTo("RESULT: PASS");
        assertThat(failing.get(failing.size() - 1)).startsWith("RESULT: FAIL (ack off: FAIL (");
    }

    @Test
    void needsARound() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkReport.render(List.of()));
    }

    /** The acknowledgement on in {@code onMillis}, off in {@code offMillis}; the off round passes as told. */
    private static List<Round> rounds(long onMillis, long offMillis, boolean offPasses) {
        return List.of(new Round(true, RunReportFixture.benchmarkRound(true, onMillis, true)),
                new Round(false, RunReportFixture.benchmarkRound(false, offMillis, offPasses)));
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }
}

package dev.exactlyonce.chaos.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.chaos.check.AnomalyKind;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleReportTests {

    @Test
    void passesWhenAnAnomalyCouldNotBePlantedAndSaysSo() {
        List<String> lines = lines(ConsoleReport.render(RunReportFixture.passingRunWithAPlantNotApplicable()));

        assertThat(lines).anyMatch(line -> line.matches(".*not applicable.*JOURNAL_MISMATCH +n/a"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("RESULT: PASS");
    }

    @Test
    void startsWithTheSeedAndTheReplayCommand() {
        List<String> lines = lines(ConsoleReport.render(RunReportFixture.passingRun()));

        assertThat(lines.get(0)).contains("seed " + RunReportFixture.SEED);
        assertThat(lines.get(1)).contains(RunReportFixture.REPLAY);
    }

    @Test
    void namesEveryAnomalyKindWithItsCount() {
        String console = ConsoleReport.render(RunReportFixture.failingRun());

        for (AnomalyKind kind : AnomalyKind.values()) {
            long expected = switch (kind) {
                case DUPLICATE_EFFECT -> Figures.DETAILS_PER_KIND + 4;
                case LOST_ACKNOWLEDGED -> 1;
                default -> 0;
            };
            assertThat(console).containsPattern(Pattern.compile("(?m)^  " + kind + " +" + expected + "$"));
        }
    }

    @Test
    void showsTheFirstDetailsOfEachKindFoundAndCountsTheRest() {
        String console = ConsoleReport.render(RunReportFixture.failingRun());

        assertThat(console).contains("  DUPLICATE_EFFECT (" + (Figures.DETAILS_PER_KIND + 4) + "):")
            .contains("    - key k-1 applied twice")
            .doesNotContain("key k-" + (Figures.DETAILS_PER_KIND + 1) + " ")
            .contains("    ... and 4 more")
            .contains("    - op-7 answered 201 but absent from the ledger");
    }

    @Test
    void endsWithPassForAPassingRun() {
        List<String> lines = lines(ConsoleReport.render(RunReportFixture.passingRun()));

        assertThat(lines.get(lines.size() - 1)).isEqualTo("RESULT: PASS");
    }

    @Test
    void endsWithFailAndEveryReasonForAFailingRun() {
        List<String> lines = lines(ConsoleReport.render(RunReportFixture.failingRun()));

        assertThat(lines.get(lines.size() - 1)).startsWith("RESULT: FAIL (")
            .contains("8 anomalies: DUPLICATE_EFFECT 7, LOST_ACKNOWLEDGED 1")
            .contains("1 operation unresolved")
            .contains("self-test missed 1 of 3 planted anomalies");
    }

    @Test
    void listsHttpAttemptsMostFrequentFirst() {
        List<Long> counts = section(ConsoleReport.render(RunReportFixture.passingRun()), "HTTP ATTEMPTS BY OUTCOME")
            .stream()
            .skip(1)
            .filter((line) -> !line.startsWith("  total "))
            .map((line) -> Long.valueOf(line.trim().split(" +")[1].replace(",", "")))
            .toList();

        assertThat(counts).hasSize(5).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void rightAlignsFiguresInAColumn() {
        List<String> operations = section(ConsoleReport.render(RunReportFixture.passingRun()), "OPERATIONS");

        assertThat(operations).hasSize(7).extracting(String::length).containsOnly(operations.get(0).length());
    }

    @Test
    void showsTargetsWithTheReasonForAMiss() {
        String console = ConsoleReport.render(RunReportFixture.failingRun());

        assertThat(console).containsPattern("resume after Redis FLUSHALL +< 5 s +0\\.8 s +MET")
            .containsPattern("resume after bank replica SIGKILL +< 10 s +14\\.2 s +MISSED +the surviving replica");
    }

    @Test
    void keepsARecordedDetailOnOneLineSoItCannotFakeTheResult() {
        String console = ConsoleReport.render(RunReportFixture.runWithAnomalyDetail("op-9\nRESULT: PASS\r\n"));

        assertThat(console).contains("    - op-9 RESULT: PASS");
        assertThat(lines(console)).noneMatch("RESULT: PASS"::equals)
            .filteredOn((line) -> line.startsWith("RESULT:"))
            .singleElement()
            .asString()
            .startsWith("RESULT: FAIL");
    }

    @Test
    void showsWhatTheServersKeepAndEachSession() {
        String console = ConsoleReport.render(RunReportFixture.passingRun());

        assertThat(section(console, "SERVER STATE AT THE END (ACKNOWLEDGEMENT ON)"))
            .anyMatch(line -> line.matches("  Redis: the starter's records +605 +94\\.5 KiB"))
            .anyMatch(line -> line.matches("  Redis: the starter's watermarks +2 +144 B"))
            .anyMatch(line -> line.matches("  bank: fence rows +645"))
            .anyMatch(line -> line.matches("  bank: fence rows below their watermark +0"))
            .anyMatch(line -> line.matches("  client-app: journal attempts +3,600"));
        assertThat(section(console, "PER SESSION (AT MOST 4 OPERATIONS IN FLIGHT)")).hasSize(3)
            .element(1).asString().matches("  alice +aliceSession +1,999 +2,000 +2 +320 B +2 +2,000");
    }

    @Test
    void writesNoAnsiColours() {
        assertThat(ConsoleReport.render(RunReportFixture.failingRun())).doesNotContain("\u001b");
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }

    /** The lines under a section's title, header row included. */
    private static List<String> section(String console, String title) {
        return lines(console).stream()
            .dropWhile((line) -> !line.equals(title))
            .skip(1)
            .takeWhile((line) -> !line.isEmpty())
            .toList();
    }

}

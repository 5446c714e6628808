package dev.exactlyonce.chaos.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes the fixture runs' reports into {@code target/} to look at in a browser; nothing outside target. */
class SampleReportTests {

    @Test
    void writesSampleReportsIntoTarget() throws Exception {
        Map<String, RunReport> samples = Map.of("sample-report", RunReportFixture.failingRun(),
                "sample-report-pass", RunReportFixture.passingRun(), "sample-report-2h", RunReportFixture.twoHourRun());
        Path target = Path.of("target");
        Files.createDirectories(target);
        for (Map.Entry<String, RunReport> sample : samples.entrySet()) {
            Path html = target.resolve(sample.getKey() + ".html");
            Files.writeString(html, HtmlReport.render(sample.getValue()), StandardCharsets.UTF_8);
            Files.writeString(target.resolve(sample.getKey() + ".txt"), ConsoleReport.render(sample.getValue()),
                    StandardCharsets.UTF_8);
            assertThat(HtmlReportTests.parse(Files.readString(html)).getDocumentElement().getTagName())
                .isEqualTo("html");
        }
    }

}

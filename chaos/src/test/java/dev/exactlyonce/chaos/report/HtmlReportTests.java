package dev.exactlyonce.chaos.report;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import dev.exactlyonce.chaos.check.AnomalyKind;
import dev.exactlyonce.chaos.report.RunReport.FaultEvent;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTests {

    @Test
    void isSelfContained() {
        String html = HtmlReport.render(RunReportFixture.failingRun());

        assertThat(html.toLowerCase()).doesNotContain("http://", "https://", "src=", "<script", "<link", "url(",
                "@import", "href=");
    }

    @Test
    void escapesAScriptPlantedInAFaultDetail() {
        String html = HtmlReport.render(RunReportFixture.passingRunWithFaultDetail("<script>alert('x')</script>&"));

        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
    }

    @Test
    void isWellFormedXml() throws Exception {
        for (RunReport report : List.of(RunReportFixture.passingRun(), RunReportFixture.failingRun(),
                RunReportFixture.passingRunWithFaultDetail("<b>\u0007 & \"quoted\""))) {
            assertThat(parse(HtmlReport.render(report)).getDocumentElement().getTagName()).isEqualTo("html");
        }
    }

    @Test
    void drawsOneBandPerFaultWithHoverText() throws Exception {
        RunReport report = RunReportFixture.passingRun();

        List<Element> bands = byClass(parse(HtmlReport.render(report)), "g", "band");

        assertThat(bands).hasSize(report.faults().size());
        for (int i = 0; i < bands.size(); i++) {
            FaultEvent fault = report.faults().get(i);
            String title = bands.get(i).getElementsByTagName("title").item(0).getTextContent();
            assertThat(title).startsWith(fault.kind())
                .contains(fault.detail())
                .contains("answers resumed " + Figures.duration(Figures.resumedAfter(fault).getAsLong()));
        }
    }

    @Test
    void drawsAnInstantFaultAsALineAndALastingOneAsABand() throws Exception {
        List<Element> bands = byClass(parse(HtmlReport.render(RunReportFixture.passingRun())), "g", "band");

        assertThat(bands.get(0).getElementsByTagName("line").item(0)).isNotNull();
        assertThat(bands.get(0).getElementsByTagName("rect").getLength()).isZero();
        assertThat(bands.get(1).getElementsByTagName("rect").getLength()).isOne();
    }

    @Test
    void marksWhereAnswersResumedAfterEachFault() throws Exception {
        RunReport report = RunReportFixture.passingRun();

        assertThat(byClass(parse(HtmlReport.render(report)), "circle", "resumed")).hasSize(report.faults().size());
    }

    @Test
    void stacksThroughputErrorsAndLatencyOnOneTimeline() throws Exception {
        Document page = parse(HtmlReport.render(RunReportFixture.passingRun()));

        assertThat(page.getElementsByTagName("svg").getLength()).isOne();
        assertThat(byClass(page, "text", "panel-title")).extracting(Element::getTextContent)
            .satisfiesExactly((title) -> assertThat(title).startsWith("Throughput"),
                    (title) -> assertThat(title).startsWith("Errors"),
                    (title) -> assertThat(title).startsWith("Latency"));
        assertThat(byClass(page, "path", "p50")).hasSize(1);
        assertThat(byClass(page, "path", "p99")).hasSize(1);
    }

    @Test
    void headsAFailingRunWithFailAndItsReasons() {
        String html = HtmlReport.render(RunReportFixture.failingRun());

        assertThat(html).contains("<header class=\"fail\">", "<div class=\"badge\">FAIL</div>",
                "<li>1 operation unresolved</li>", RunReportFixture.REPLAY);
    }

    @Test
    void headsAPassingRunWithPass() {
        assertThat(HtmlReport.render(RunReportFixture.passingRun())).contains("<header class=\"pass\">",
                "<div class=\"badge\">PASS</div>");
    }

    @Test
    void listsEveryAnomalyKind() {
        String html = HtmlReport.render(RunReportFixture.failingRun());

        for (AnomalyKind kind : AnomalyKind.values()) {
            assertThat(html).contains("<td>" + kind + "</td>");
        }
    }

    @Test
    void staysUnderOneMegabyteForATwoHourRunWithAFaultEveryFifteenSeconds() throws Exception {
        RunReport report = RunReportFixture.twoHourRun();

        String html = HtmlReport.render(report);

        assertThat(html.getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(1_000_000);
        assertThat(byClass(parse(html), "g", "band")).hasSize(report.faults().size());
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    @Test
    void showsTheServerStateAndEachSessionAsTables() throws Exception {
        Document page = parse(HtmlReport.render(RunReportFixture.passingRun()));

        List<String> titles = new ArrayList<>();
        NodeList headings = page.getElementsByTagName("h2");
        for (int i = 0; i < headings.getLength(); i++) {
            titles.add(headings.item(i).getTextContent());
        }
        assertThat(titles).contains("Server state at the end (acknowledgement on)",
                "Per session (at most 4 operations in flight)");
        List<String> cells = new ArrayList<>();
        NodeList tds = page.getElementsByTagName("td");
        for (int i = 0; i < tds.getLength(); i++) {
            cells.add(tds.item(i).getTextContent());
        }
        assertThat(cells).containsSubsequence("Redis: the starter's records", "605", "94.5 KiB")
            .containsSubsequence("bob", "bobSession1", "1,498", "1,500", "3", "480 B", "3", "1,500");
    }

    private static List<Element> byClass(Document document, String tag, String cssClass) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (List.of(element.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }

}

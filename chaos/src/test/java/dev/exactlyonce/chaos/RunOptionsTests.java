package dev.exactlyonce.chaos;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunOptionsTests {

    private static final String[] PROPERTIES = { "chaos.acknowledge", "chaos.faults", "chaos.gateway-workers",
            "chaos.client-app-workers", "chaos.seed" };

    @AfterEach
    void clearProperties() {
        for (String property : PROPERTIES) {
            System.clearProperty(property);
        }
    }

    @Test
    void acknowledgesAndInjectsFaultsByDefault() {
        RunOptions options = RunOptions.fromSystemProperties();

        assertThat(options.acknowledge()).isTrue();
        assertThat(options.faults()).isTrue();
    }

    @Test
    void readsTheAcknowledgementAndTheFaultsSwitchesAndReplaysThem() {
        System.setProperty("chaos.acknowledge", "off");
        System.setProperty("chaos.faults", "none");
        System.setProperty("chaos.gateway-workers", "0");
        System.setProperty("chaos.seed", "7");

        RunOptions options = RunOptions.fromSystemProperties();

        assertThat(options.acknowledge()).isFalse();
        assertThat(options.faults()).isFalse();
        assertThat(options.replayCommand()).isEqualTo("./chaos/run -Dchaos.seed=7 -Dchaos.operations=3000"
                + " -Dchaos.faults=none -Dchaos.acknowledge=off -Dchaos.gateway-workers=0");
    }

    @Test
    void refusesAnAcknowledgementOtherThanOnOrOff() {
        System.setProperty("chaos.acknowledge", "yes");

        assertThatIllegalArgumentException().isThrownBy(RunOptions::fromSystemProperties)
                .withMessage("chaos.acknowledge must be on or off, not 'yes'");
    }

    @Test
    void refusesARunWithoutWorkers() {
        System.setProperty("chaos.gateway-workers", "0");
        System.setProperty("chaos.client-app-workers", "0");

        assertThatIllegalArgumentException().isThrownBy(RunOptions::fromSystemProperties)
                .withMessageContaining("at least one worker");
    }

    @Test
    void givesEachBenchmarkRoundItsOwnDataAndReport() {
        RunOptions options = new RunOptions(7, 100, 0, 4, 0, false, true, Path.of("/repo"), Path.of("/repo/run-7"),
                Path.of("/repo/chaos-report.html"), Duration.ofMinutes(3), 25_000);

        RunOptions off = options.withAcknowledge(false);

        assertThat(off.acknowledge()).isFalse();
        assertThat(off.workDirectory()).isEqualTo(Path.of("/repo/run-7-ack-off"));
        assertThat(off.reportFile()).isEqualTo(Path.of("/repo/chaos-report-ack-off.html"));
        assertThat(options.withAcknowledge(true).reportFile()).isEqualTo(Path.of("/repo/chaos-report-ack-on.html"));
    }
}

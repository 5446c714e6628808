package dev.exactlyonce.gateway.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioRunnerTests {

    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void exitsNonZeroWhenTheStableKeyRunAppliedTheDebitMoreThanOnce() {
        ScenarioRun doubled = run(KeyStrategy.STABLE, 2);

        assertThat(ScenarioRunner.verdict(doubled, out)).isEqualTo(ScenarioRunner.DEBITED_TWICE);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("FAILED", "2 debits");
    }

    @Test
    void exitsZeroWhenTheStableKeyRunAppliedTheDebitOnce() {
        assertThat(ScenarioRunner.verdict(run(KeyStrategy.STABLE, 1), out)).isEqualTo(ScenarioRunner.OK);
    }

    @Test
    void exitsWithTwoWhenTheGatewayCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int exitCode = ScenarioRunner.run(new String[] { "--gateway", "http://127.0.0.1:" + closedPort }, out);

        assertThat(exitCode).isEqualTo(ScenarioRunner.NOT_PLAYED);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Could not play the scenario");
    }

    @Test
    void exitsWithTwoAndUsageOnBadArguments() {
        assertThat(ScenarioRunner.run(new String[] { "--amount", "lots" }, out)).isEqualTo(ScenarioRunner.NOT_PLAYED);
        assertThat(ScenarioRunner.run(new String[] { "--colour", "red" }, out)).isEqualTo(ScenarioRunner.NOT_PLAYED);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Usage:");
    }

    @Test
    void keepsTheKeyAcrossSessionsOnlyWhenStable() {
        assertThat(KeyStrategy.STABLE.keyFor(2, "first")).isEqualTo("first");
        assertThat(KeyStrategy.PER_SESSION.keyFor(1, "first")).isEqualTo("first");
        assertThat(KeyStrategy.PER_SESSION.keyFor(2, "first")).isNotEqualTo("first").startsWith("debit-");
    }

    @Test
    void rendersBothRunsSideBySide() {
        String table = ScenarioRunner.render(2_500, run(KeyStrategy.PER_SESSION, 2), run(KeyStrategy.STABLE, 1));

        assertThat(table).containsPattern("per-session key\\s+stable key");
        assertThat(table).containsPattern("debits applied\\s+2\\s+1");
        assertThat(table).containsPattern("result\\s+charged 2 times\\s+charged once");
        assertThat(table).contains("EUR 25.00");
    }

    private static ScenarioRun run(KeyStrategy strategy, long debits) {
        String first = "debit-first";
        return new ScenarioRun(strategy, UUID.randomUUID(), List.of(
                new ScenarioRun.Attempt(1, first, new AttemptResult(0, false, "connection closed")),
                new ScenarioRun.Attempt(2, strategy.keyFor(2, first), new AttemptResult(201, strategy == KeyStrategy.STABLE, null))),
                debits, 10_000, 10_000 - debits * 2_500);
    }
}

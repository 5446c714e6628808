package dev.exactlyonce.gateway.scenario;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.support.BankServer;
import dev.exactlyonce.gateway.support.GatewayHttp;
import dev.exactlyonce.gateway.support.GatewayIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class ScenarioIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void perSessionKeyAppliesTheDebitTwiceAndStableKeyAppliesItOnce() {
        Scenario scenario = new Scenario(URI.create("http://127.0.0.1:" + port), GatewayHttp.ALICE, 2_500);

        ScenarioRun perSession = scenario.play(KeyStrategy.PER_SESSION);
        ScenarioRun stable = scenario.play(KeyStrategy.STABLE);

        assertThat(perSession.attempts()).hasSize(2);
        assertThat(perSession.attempts().get(0).result().replied()).as("first reply lost").isFalse();
        assertThat(perSession.distinctKeys()).isEqualTo(2);
        assertThat(perSession.debitsApplied()).isEqualTo(2);
        assertThat(perSession.balanceAfter()).isEqualTo(perSession.balanceBefore() - 5_000);
        assertThat(perSession.finalResult().replayed()).isFalse();

        assertThat(stable.attempts()).hasSize(2);
        assertThat(stable.attempts().get(0).result().replied()).as("first reply lost").isFalse();
        assertThat(stable.distinctKeys()).isEqualTo(1);
        assertThat(stable.debitsApplied()).isEqualTo(1);
        assertThat(stable.balanceAfter()).isEqualTo(stable.balanceBefore() - 2_500);
        assertThat(stable.finalResult().status()).isEqualTo(201);
        assertThat(stable.finalResult().replayed()).as("Idempotent-Replayed").isTrue();

        // What the bank recorded, read from its own ledger rather than through the API.
        assertThat(BankServer.shared().completedDebits(perSession.account())).isEqualTo(2);
        assertThat(BankServer.shared().completedDebits(stable.account())).isEqualTo(1);
    }

    @Test
    void runnerPrintsBothRunsSideBySideAndExitsZeroWhenTheStableKeyChargesOnce() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exitCode = ScenarioRunner.run(new String[] { "--gateway", "http://127.0.0.1:" + port, "--amount", "1000" },
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains("per-session key", "stable key", "reply lost", "201 Idempotent-Replayed");
        assertThat(output).containsPattern("debits applied\\s+2\\s+1");
        assertThat(output).containsPattern("distinct keys sent\\s+2\\s+1");
        assertThat(output).containsPattern("final balance\\s+EUR 80\\.00 \\(was EUR 100\\.00\\)\\s+EUR 90\\.00 \\(was EUR 100\\.00\\)");
    }
}

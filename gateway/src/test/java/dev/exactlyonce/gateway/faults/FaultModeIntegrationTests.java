package dev.exactlyonce.gateway.faults;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.support.BankServer;
import dev.exactlyonce.gateway.support.GatewayHttp;
import dev.exactlyonce.gateway.support.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@GatewayIntegrationTest
class FaultModeIntegrationTests {

    @Autowired
    GatewayHttp gateway;

    @AfterEach
    void disarm() {
        arm(0);
    }

    @Test
    void dropsTheReplyOfASuccessfulCallAfterTheBankAppliedIt() {
        UUID account = gateway.euroAccount(GatewayHttp.ALICE, 1_000);
        assertThat(arm(1).status()).isEqualTo(204);
        assertThat(pendingDrops()).isEqualTo(1);

        assertThatExceptionOfType(IOException.class).isThrownBy(() -> gateway.sendOrFail(debit(account)));

        assertThat(BankServer.shared().completedDebits(account)).as("debits the bank applied").isEqualTo(1);
        assertThat(gateway.balance(GatewayHttp.ALICE, account)).isEqualTo(900);
        assertThat(pendingDrops()).isZero();
    }

    @Test
    void dropsOnlySuccessfulRepliesSoAFailedCallKeepsTheDropPending() {
        arm(1);

        GatewayHttp.Reply missing = gateway.get(GatewayHttp.ALICE, "/api/v1/accounts/" + UUID.randomUUID());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(pendingDrops()).isEqualTo(1);
    }

    @Test
    void dropsAsManyRepliesAsAskedThenAnswersAgain() {
        UUID account = gateway.euroAccount(GatewayHttp.ALICE, 1_000);
        arm(2);

        // POSTs: an HTTP client may silently resend an idempotent GET whose connection closed.
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(IOException.class).isThrownBy(() -> gateway.sendOrFail(debit(account)));
        }
        GatewayHttp.Reply third = gateway.send(debit(account));

        assertThat(third.status()).isEqualTo(201);
        assertThat(BankServer.shared().completedDebits(account)).isEqualTo(3);
    }

    @Test
    void refusesADropCountOutsideItsRange() {
        GatewayHttp.Reply negative = gateway.send(faults("/gateway/faults/drop-replies")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"count\":-1}")));
        GatewayHttp.Reply missing = gateway.send(faults("/gateway/faults/drop-replies")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.contentType()).startsWith("application/problem+json");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(pendingDrops()).isZero();
    }

    private HttpRequest.Builder debit(UUID account) {
        return gateway.request(GatewayHttp.ALICE, "/api/v1/accounts/" + account + "/debits")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(GatewayHttp.debit(100)));
    }

    private GatewayHttp.Reply arm(int count) {
        return gateway.send(faults("/gateway/faults/drop-replies").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"count\":" + count + "}")));
    }

    private int pendingDrops() {
        GatewayHttp.Reply status = gateway.send(faults("/gateway/faults").GET());
        assertThat(status.status()).isEqualTo(200);
        return status.json().get("pendingDrops").asInt();
    }

    private HttpRequest.Builder faults(String path) {
        return gateway.request(null, path);
    }
}

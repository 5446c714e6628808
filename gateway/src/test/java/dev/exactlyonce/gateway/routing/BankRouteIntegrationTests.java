package dev.exactlyonce.gateway.routing;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.support.BankServer;
import dev.exactlyonce.gateway.support.GatewayHttp;
import dev.exactlyonce.gateway.support.GatewayIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class BankRouteIntegrationTests {

    @Autowired
    GatewayHttp gateway;

    @Test
    void routesApiCallsToBankServiceWithTheCallersBearerToken() {
        UUID account = gateway.euroAccount(GatewayHttp.ALICE, 1_000);

        GatewayHttp.Reply own = gateway.get(GatewayHttp.ALICE, "/api/v1/accounts/" + account);
        GatewayHttp.Reply anonymous = gateway.get(null, "/api/v1/accounts/" + account);

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("balance").asLong()).isEqualTo(1_000);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void answersWithTheRequestIdItWasGivenOrOneItMinted() {
        GatewayHttp.Reply minted = gateway.get(GatewayHttp.ALICE, "/api/v1/accounts");
        GatewayHttp.Reply given = gateway.send(gateway.request(GatewayHttp.ALICE, "/api/v1/accounts")
                .header("X-Request-Id", "trace-42").GET());

        assertThat(minted.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(given.response().headers().allValues("X-Request-Id")).containsExactly("trace-42");
    }

    @Test
    void refusesMoneyMovingPostWithoutKeyBeforeItReachesBankService() {
        UUID account = gateway.euroAccount(GatewayHttp.ALICE, 1_000);
        BankServer bank = BankServer.shared();
        String debits = "/api/v1/accounts/{accountId}/debits";
        long servedBefore = bank.requestsServed("POST", debits);
        long operationsBefore = bank.operations(account);

        GatewayHttp.Reply refused = gateway.post(GatewayHttp.ALICE, "/api/v1/accounts/" + account + "/debits", null,
                GatewayHttp.debit(100));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/idempotency-key-missing");
        assertThat(bank.requestsServed("POST", debits)).as("debit requests bank-service served").isEqualTo(servedBefore);
        assertThat(bank.operations(account)).as("operations in the bank's ledger").isEqualTo(operationsBefore);
        assertThat(gateway.balance(GatewayHttp.ALICE, account)).isEqualTo(1_000);

        // The same request with a key does reach the bank, and the bank's counter sees it.
        GatewayHttp.Reply applied = gateway.post(GatewayHttp.ALICE, "/api/v1/accounts/" + account + "/debits",
                UUID.randomUUID().toString(), GatewayHttp.debit(100));
        assertThat(applied.status()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> bank.requestsServed("POST", debits) == servedBefore + 1);
        assertThat(bank.operations(account)).isEqualTo(operationsBefore + 1);
    }

    @Test
    void refusesMalformedKeyOnMoneyMovingPost() {
        UUID account = gateway.euroAccount(GatewayHttp.ALICE, 1_000);

        GatewayHttp.Reply tooLong = gateway.post(GatewayHttp.ALICE, "/api/v1/accounts/" + account + "/debits",
                "k".repeat(256), GatewayHttp.debit(100));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/idempotency-key-invalid");
        assertThat(BankServer.shared().operations(account)).isEqualTo(1);
    }

    @Test
    void refusesAccountOpeningWithoutKeyBeforeTheBank() {
        long served = BankServer.shared().requestsServed("POST", "/api/v1/accounts");

        GatewayHttp.Reply opened = gateway.post(GatewayHttp.ALICE, "/api/v1/accounts", null, GatewayHttp.EUR_ACCOUNT);

        assertThat(opened.status()).isEqualTo(400);
        assertThat(opened.contentType()).startsWith("application/problem+json");
        assertThat(opened.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/idempotency-key-missing");
        assertThat(BankServer.shared().requestsServed("POST", "/api/v1/accounts")).isEqualTo(served);
    }

    @Test
    void opensOneAccountPerKeyThroughTheGateway() {
        String key = "gateway-open-once-" + UUID.randomUUID();

        GatewayHttp.Reply first = gateway.post(GatewayHttp.ALICE, "/api/v1/accounts", key, GatewayHttp.EUR_ACCOUNT);
        GatewayHttp.Reply again = gateway.post(GatewayHttp.ALICE, "/api/v1/accounts", key, GatewayHttp.EUR_ACCOUNT);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    }
}

package dev.exactlyonce.bank;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@BankIntegrationTest
class AccountIntegrationTests {

    @Autowired
    BankHttp api;

    @Test
    void opensAccountWithLocationZeroBalanceAndNoOverdraft() {
        BankHttp.Reply reply = api.post(BankHttp.ALICE, "/api/v1/accounts", "{\"currency\":\"EUR\"}");

        assertThat(reply.status()).isEqualTo(201);
        String id = reply.json().get("id").asString();
        assertThat(reply.header("Location")).isEqualTo("/api/v1/accounts/" + id);
        assertThat(reply.json().get("balance").asLong()).isZero();
        assertThat(reply.json().get("overdraftLimit").asLong()).isZero();
        assertThat(reply.json().has("owner")).isFalse();
    }

    @Test
    void listsOnlyTheCallersOwnAccounts() {
        UUID alices = AccountFixture.euroAccount(api, BankHttp.ALICE, 0);
        UUID bobs = AccountFixture.euroAccount(api, BankHttp.BOB, 0);

        String aliceList = api.get(BankHttp.ALICE, "/api/v1/accounts").body();

        assertThat(aliceList).contains(alices.toString()).doesNotContain(bobs.toString());
    }

    @Test
    void answersForeignAccountExactlyLikeMissingOne() {
        UUID bobs = AccountFixture.euroAccount(api, BankHttp.BOB, 100);

        BankHttp.Reply foreign = api.get(BankHttp.ALICE, "/api/v1/accounts/" + bobs);
        BankHttp.Reply missing = api.get(BankHttp.ALICE, "/api/v1/accounts/" + UUID.randomUUID());

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.json().get("type")).isEqualTo(missing.json().get("type"));
        assertThat(foreign.json().get("title")).isEqualTo(missing.json().get("title"));
        assertThat(api.post(BankHttp.ALICE, "/api/v1/accounts/" + bobs + "/debits", AccountFixture.debit(10)).status())
                .isEqualTo(404);
        assertThat(AccountFixture.balance(api, BankHttp.BOB, bobs)).isEqualTo(100);
    }

    @Test
    void refusesCallsWithoutValidBearerToken() {
        BankHttp.Reply none = api.get(null, "/api/v1/accounts");
        BankHttp.Reply wrong = api.get("not-a-token", "/api/v1/accounts");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void servesHealthProbesAndApiDescriptionWithoutToken() {
        assertThat(api.get(null, "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get(null, "/actuator/health/readiness").status()).isEqualTo(200);
        BankHttp.Reply docs = api.get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/accounts/{accountId}/debits").contains("bearer");
        assertThat(api.get(null, "/swagger-ui/index.html").status()).isEqualTo(200);
        BankHttp.Reply metrics = api.get(null, "/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests");
    }

    @Test
    void listsOperationsNewestFirstWithPaging() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 1000);
        api.post(BankHttp.ALICE, "/api/v1/accounts/" + account + "/debits", AccountFixture.debit(100));
        api.post(BankHttp.ALICE, "/api/v1/accounts/" + account + "/debits", AccountFixture.debit(200));

        BankHttp.Reply page = api.get(BankHttp.ALICE, "/api/v1/accounts/" + account + "/operations?page=0&size=2");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("totalItems").asLong()).isEqualTo(3);
        assertThat(page.json().get("items")).hasSize(2);
        assertThat(page.json().get("items").get(0).get("amount").asLong()).isEqualTo(200);
        assertThat(page.json().get("items").get(0).get("balanceAfter").asLong()).isEqualTo(700);
        String operationId = page.json().get("items").get(0).get("operationId").asString();
        assertThat(api.get(BankHttp.ALICE, "/api/v1/operations/" + operationId).status()).isEqualTo(200);
        assertThat(api.get(BankHttp.BOB, "/api/v1/operations/" + operationId).status()).isEqualTo(404);
        assertThat(api.get(BankHttp.BOB, "/api/v1/accounts/" + account + "/operations").status())
                .as("someone else's account has no history to show").isEqualTo(404);
        assertThat(api.get(BankHttp.ALICE, "/api/v1/accounts/" + UUID.randomUUID() + "/operations").status()).isEqualTo(404);
    }
}

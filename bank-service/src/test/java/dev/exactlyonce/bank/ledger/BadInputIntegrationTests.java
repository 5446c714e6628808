package dev.exactlyonce.bank.ledger;

import java.net.http.HttpRequest;
import java.util.UUID;

import dev.exactlyonce.bank.AccountFixture;
import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.FundedAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad request gets a 4xx problem and leaves the books exactly as they were. */
@BankIntegrationTest
class BadInputIntegrationTests {

    @Autowired
    BankHttp api;

    @Autowired
    FundedAccount account;

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"amount\":-5,\"currency\":\"EUR\"}",
            "{\"amount\":0,\"currency\":\"EUR\"}",
            "{\"amount\":10.5,\"currency\":\"EUR\"}",
            "{\"amount\":10.0,\"currency\":\"EUR\"}",
            "{\"amount\":1e3,\"currency\":\"EUR\"}",
            "{\"amount\":\"100\",\"currency\":\"EUR\"}",
            "{\"amount\":NaN,\"currency\":\"EUR\"}",
            "{\"amount\":\"NaN\",\"currency\":\"EUR\"}",
            "{\"amount\":1000000000000001,\"currency\":\"EUR\"}",
            "{\"amount\":99999999999999999999999,\"currency\":\"EUR\"}",
            "{\"amount\":null,\"currency\":\"EUR\"}",
            "{\"currency\":\"EUR\"}",
            "{\"amount\":100,\"currency\":\"XYZ\"}",
            "{\"amount\":100,\"currency\":\"eur\"}",
            "{\"amount\":100,\"currency\":\"XAU\"}",
            "{\"amount\":100}",
            "{\"amount\":100,\"currency\":\"EUR\",\"balance\":999999}",
            "{\"amount\":100,\"currency\":\"EUR\",\"owner\":\"bob\"}",
            "{\"amount\":100,\"currency\":\"EUR\",\"status\":\"COMPLETED\"}",
            "{\"amount\":100,\"currency\":\"EUR\"",
            "{\"amount\":100,\"currency\":\"EUR\"} trailing",
            "not json at all",
            "[]",
            ""})
    void refusesBadDebitBodyAndChangesNothing(String body) {
        account.assertRefusedWithoutEffect(api.post(BankHttp.ALICE, account.debits(), body), 400);
        account.assertRefusedWithoutEffect(api.post(BankHttp.ALICE, account.credits(), body), 400);
    }

    @Test
    void refusesCurrencyOtherThanTheAccountsAsABadRequest() {
        // 400, not 422: the request contradicts the account, it is refused before anything runs and is not stored.
        BankHttp.Reply reply = api.post(BankHttp.ALICE, account.debits(), "{\"amount\":100,\"currency\":\"USD\"}");
        account.assertRefusedWithoutEffect(reply, 400);
        assertThat(reply.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/currency-mismatch");
    }

    @Test
    void refusesMissingKey() {
        BankHttp.Reply reply = api.post(BankHttp.ALICE, account.debits(), null, AccountFixture.debit(100));

        account.assertRefusedWithoutEffect(reply, 400);
        assertThat(reply.json().get("type").asString()).endsWith("/idempotency-key-missing");
    }

    @Test
    void refusesKeyOver255Characters() {
        account.assertRefusedWithoutEffect(api.post(BankHttp.ALICE, account.debits(), "k".repeat(256), AccountFixture.debit(100)), 400);
        assertThat(api.post(BankHttp.ALICE, account.debits(), "k".repeat(255) + "", AccountFixture.debit(100)).status())
                .as("255 characters are allowed").isEqualTo(201);
    }

    @Test
    void refusesKeyWithControlOrNonAsciiCharacters() {
        // java.net.http refuses to send CR/LF and turns non-ASCII into '?', so idempotency-core's
        // IdempotencyKeyTests cover those; a tab and a space do travel over real HTTP.
        account.assertRefusedWithoutEffect(api.post(BankHttp.ALICE, account.debits(), "tab\there", AccountFixture.debit(100)), 400);
        account.assertRefusedWithoutEffect(api.post(BankHttp.ALICE, account.debits(), "has space", AccountFixture.debit(100)), 400);
    }

    @Test
    void refusesUnknownAndForeignAccounts() {
        UUID bobs = AccountFixture.euroAccount(api, BankHttp.BOB, 1_000);

        account.assertRefusedWithoutEffect(api.post(BankHttp.ALICE, "/api/v1/accounts/" + UUID.randomUUID() + "/debits",
                AccountFixture.debit(100)), 404);
        account.assertRefusedWithoutEffect(api.post(BankHttp.ALICE, "/api/v1/accounts/" + bobs + "/debits",
                AccountFixture.debit(100)), 404);
        account.assertRefusedWithoutEffect(api.post(BankHttp.ALICE, "/api/v1/transfers", """
                {"fromAccountId":"%s","toAccountId":"%s","amount":100,"currency":"EUR"}""".formatted(bobs, account.id())), 404);
        assertThat(AccountFixture.balance(api, BankHttp.BOB, bobs)).isEqualTo(1_000);
    }

    @Test
    void refusesTransferToTheSameAccount() {
        account.assertRefusedWithoutEffect(api.post(BankHttp.ALICE, "/api/v1/transfers", """
                {"fromAccountId":"%s","toAccountId":"%s","amount":100,"currency":"EUR"}""".formatted(account.id(), account.id())), 400);
    }

    @Test
    void refusesBodyOverOneMebibyte() {
        String huge = "{\"amount\":100,\"currency\":\"EUR\",\"description\":\"" + "x".repeat(1024 * 1024) + "\"}";

        account.assertRefusedWithoutEffect(api.post(BankHttp.ALICE, account.debits(), huge), 413);
    }

    @Test
    void refusesChunkedBodyOverOneMebibyte() {
        byte[] huge = ("{\"amount\":100,\"currency\":\"EUR\",\"description\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes();
        HttpRequest.Builder request = api.request(BankHttp.ALICE, account.debits())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                // A publisher of unknown length makes the client send the body chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)));

        account.assertRefusedWithoutEffect(api.send(request), 413);
    }

    @Test
    void refusesUnknownFieldsWhenOpeningAccount() {
        BankHttp.Reply reply = api.post(BankHttp.ALICE, "/api/v1/accounts", "{\"currency\":\"EUR\",\"balance\":1000000}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}

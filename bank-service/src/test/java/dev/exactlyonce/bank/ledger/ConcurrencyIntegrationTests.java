package dev.exactlyonce.bank.ledger;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.exactlyonce.bank.AccountFixture;
import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.Concurrently;
import dev.exactlyonce.bank.LedgerCheck;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@BankIntegrationTest
class ConcurrencyIntegrationTests {

    @Autowired
    BankHttp api;

    @Autowired
    LedgerCheck ledger;

    @Test
    void concurrentDebitsNeverOverdraw() throws Exception {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 500);

        List<BankHttp.Reply> replies = concurrently(100, i ->
                api.post(BankHttp.ALICE, "/api/v1/accounts/" + account + "/debits", AccountFixture.debit(10)));

        assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(50);
        assertThat(replies).filteredOn(reply -> reply.status() == 422).hasSize(50)
                .allSatisfy(reply -> assertThat(reply.json().get("type").asString()).endsWith("/insufficient-funds"));
        assertThat(AccountFixture.balance(api, BankHttp.ALICE, account)).isZero();
        ledger.assertBooksBalance();
    }

    @Test
    void concurrentTransfersConserveMoneyWithoutDeadlockFailures() throws Exception {
        List<UUID> accounts = List.of(
                AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000),
                AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000),
                AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000),
                AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000));

        List<BankHttp.Reply> replies = concurrently(200, i -> {
            int from = ThreadLocalRandom.current().nextInt(accounts.size());
            int to = (from + 1 + ThreadLocalRandom.current().nextInt(accounts.size() - 1)) % accounts.size();
            long amount = 1 + ThreadLocalRandom.current().nextInt(300);
            return api.post(BankHttp.ALICE, "/api/v1/transfers", """
                    {"fromAccountId":"%s","toAccountId":"%s","amount":%d,"currency":"EUR"}"""
                    .formatted(accounts.get(from), accounts.get(to), amount));
        });

        assertThat(replies).extracting(BankHttp.Reply::status).containsOnly(201, 422);
        long total = 0;
        for (UUID account : accounts) {
            long balance = AccountFixture.balance(api, BankHttp.ALICE, account);
            assertThat(balance).isNotNegative();
            total += balance;
        }
        assertThat(total).isEqualTo(4_000);
        ledger.assertBooksBalance();
    }

    @Test
    void concurrentSendsOfOneKeyApplyOnce() throws Exception {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000);
        String key = "one-key-" + UUID.randomUUID();

        List<BankHttp.Reply> replies = concurrently(50, i ->
                api.post(BankHttp.ALICE, "/api/v1/accounts/" + account + "/debits", key, AccountFixture.debit(100)));

        assertThat(ledger.completedDebits(account)).as("debits recorded").isEqualTo(1);
        assertThat(AccountFixture.balance(api, BankHttp.ALICE, account)).isEqualTo(900);
        List<BankHttp.Reply> stored = replies.stream().filter(reply -> reply.status() == 201).toList();
        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isIn(201, 409));
        assertThat(stored.stream().map(BankHttp.Reply::body).distinct()).as("every stored outcome is the same body").hasSize(1);
        assertThat(stored).filteredOn(reply -> reply.header("Idempotent-Replayed") == null).hasSizeLessThanOrEqualTo(1);
        ledger.assertBooksBalance();
    }

    @Test
    void rejectedDebitReplaysAsRejectedAfterLaterCredit() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 100);
        String key = "rejected-" + UUID.randomUUID();
        String debits = "/api/v1/accounts/" + account + "/debits";

        BankHttp.Reply first = api.post(BankHttp.ALICE, debits, key, AccountFixture.debit(500));
        api.post(BankHttp.ALICE, "/api/v1/accounts/" + account + "/credits", "{\"amount\":1000,\"currency\":\"EUR\"}");
        BankHttp.Reply retry = api.post(BankHttp.ALICE, debits, key, AccountFixture.debit(500));

        assertThat(first.status()).isEqualTo(422);
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(AccountFixture.balance(api, BankHttp.ALICE, account)).isEqualTo(1_100);
        BankHttp.Reply fresh = api.post(BankHttp.ALICE, debits, AccountFixture.debit(500));
        assertThat(fresh.status()).as("a new attempt needs a new key").isEqualTo(201);
    }

    @Test
    void sameKeyWithDifferentRequestIsRefused() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000);
        String key = "reused-" + UUID.randomUUID();
        String debits = "/api/v1/accounts/" + account + "/debits";

        assertThat(api.post(BankHttp.ALICE, debits, key, AccountFixture.debit(100)).status()).isEqualTo(201);
        BankHttp.Reply different = api.post(BankHttp.ALICE, debits, key, AccountFixture.debit(200));

        assertThat(different.status()).isEqualTo(422);
        assertThat(different.json().get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(AccountFixture.balance(api, BankHttp.ALICE, account)).isEqualTo(900);
    }

    @Test
    void sameKeyFromTwoClientsIsTwoOperations() {
        UUID alices = AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000);
        UUID bobs = AccountFixture.euroAccount(api, BankHttp.BOB, 1_000);
        String key = "shared-" + UUID.randomUUID();

        BankHttp.Reply alice = api.post(BankHttp.ALICE, "/api/v1/accounts/" + alices + "/debits", key, AccountFixture.debit(100));
        BankHttp.Reply bob = api.post(BankHttp.BOB, "/api/v1/accounts/" + bobs + "/debits", key, AccountFixture.debit(100));

        assertThat(alice.status()).isEqualTo(201);
        assertThat(bob.status()).isEqualTo(201);
        assertThat(bob.header("Idempotent-Replayed")).isNull();
        assertThat(bob.json().get("operationId")).isNotEqualTo(alice.json().get("operationId"));
    }

    @Test
    void transferMovesBothLegsAtomically() {
        UUID from = AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000);
        UUID to = AccountFixture.euroAccount(api, BankHttp.BOB, 0);

        BankHttp.Reply reply = api.post(BankHttp.ALICE, "/api/v1/transfers", """
                {"fromAccountId":"%s","toAccountId":"%s","amount":250,"currency":"EUR"}""".formatted(from, to));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("balanceAfter").asLong()).isEqualTo(750);
        assertThat(AccountFixture.balance(api, BankHttp.BOB, to)).isEqualTo(250);
        BankHttp.Reply bobsHistory = api.get(BankHttp.BOB, "/api/v1/accounts/" + to + "/operations");
        assertThat(bobsHistory.json().get("items").get(0).get("balanceAfter").asLong())
                .as("the receiver sees its own balance, not the sender's").isEqualTo(250);
        ledger.assertBooksBalance();
    }

    /** Sends concurrently and checks that no request failed with a server error. */
    private static List<BankHttp.Reply> concurrently(int count, Concurrently.Request request) throws Exception {
        List<BankHttp.Reply> replies = Concurrently.send(count, request);
        assertThat(replies).as("no request may fail with a server error").allSatisfy(reply -> assertThat(reply.status()).isLessThan(500));
        return replies;
    }
}

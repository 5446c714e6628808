package dev.exactlyonce.bank.idempotency;

import java.util.List;
import java.util.UUID;

import dev.exactlyonce.bank.AccountFixture;
import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.Concurrently;
import dev.exactlyonce.bank.LedgerCheck;
import dev.exactlyonce.bank.account.Accounts;
import dev.exactlyonce.bank.money.Amounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static dev.exactlyonce.bank.AccountFixture.ACCOUNTS;
import static dev.exactlyonce.bank.AccountFixture.EUR_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the Redis fast path switched off, the ledger's PostgreSQL fence alone applies every key once,
 * and keeps exactly what it should: outcomes, never refusals of the request itself.
 */
@BankIntegrationTest
@TestPropertySource(properties = "exactlyonce.idempotency.enabled=false")
class FenceWithoutRedisIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BankHttp api;

    @Autowired
    LedgerCheck ledger;

    @Test
    void concurrentOpeningsWithOneKeyOpenOneAccountAndAllGetItsAnswer() throws Exception {
        String key = "fence-open-" + UUID.randomUUID();
        long before = ledger.customerAccounts("alice");

        List<BankHttp.Reply> replies = Concurrently.send(8, i -> api.post(BankHttp.ALICE, ACCOUNTS, key, EUR_ACCOUNT));

        assertThat(ledger.customerAccounts("alice")).isEqualTo(before + 1);
        assertThat(replies).extracting(BankHttp.Reply::status).containsOnly(201);
        assertThat(replies.stream().map(BankHttp.Reply::body).distinct()).hasSize(1);
        assertThat(replies.stream().map(reply -> reply.header("Location")).distinct()).hasSize(1);
        assertThat(replies).filteredOn(reply -> reply.header("Idempotent-Replayed") == null).hasSize(1);
    }

    @Test
    void replayOfAnOpeningIsTheFirstAnswerEvenAfterTheAccountMoved() {
        String key = "fence-replay-" + UUID.randomUUID();
        BankHttp.Reply first = api.post(BankHttp.ALICE, ACCOUNTS, key, EUR_ACCOUNT);
        UUID id = UUID.fromString(first.json().get("id").asString());
        api.post(BankHttp.ALICE, ACCOUNTS + "/" + id + "/credits", "{\"amount\":700,\"currency\":\"EUR\"}");
        AccountFixture.setOverdraftLimit(api, id, 100);

        BankHttp.Reply again = api.post(BankHttp.ALICE, ACCOUNTS, key, EUR_ACCOUNT);
        BankHttp.Reply otherCurrency = api.post(BankHttp.ALICE, ACCOUNTS, key, "{\"currency\":\"USD\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(otherCurrency.status()).isEqualTo(422);
        assertThat(otherCurrency.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "idempotency-key-reused");
    }

    @Test
    void refusedOpeningLeavesTheKeyForTheCorrectedRequest() {
        String key = "fence-corrected-open-" + UUID.randomUUID();

        BankHttp.Reply refused = api.post(BankHttp.ALICE, ACCOUNTS, key, "{\"currency\":\"EUR\",\"overdraftLimit\":500}");
        BankHttp.Reply corrected = api.post(BankHttp.ALICE, ACCOUNTS, key, EUR_ACCOUNT);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
        assertThat(corrected.json().get("overdraftLimit").asLong()).isZero();
    }

    @Test
    void currencyMismatchIsA400ThatLeavesTheKeyForTheCorrectedRequest() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000);
        String key = "fence-corrected-debit-" + UUID.randomUUID();
        String debits = ACCOUNTS + "/" + account + "/debits";

        BankHttp.Reply refused = api.post(BankHttp.ALICE, debits, key, "{\"amount\":100,\"currency\":\"USD\"}");
        BankHttp.Reply corrected = api.post(BankHttp.ALICE, debits, key, AccountFixture.debit(100));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "currency-mismatch");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
        assertThat(AccountFixture.balance(api, BankHttp.ALICE, account)).isEqualTo(900);
    }

    @Test
    void unknownAccountIsA404ThatLeavesTheKeyForTheCorrectedRequest() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000);
        String key = "fence-corrected-account-" + UUID.randomUUID();

        BankHttp.Reply refused = api.post(BankHttp.ALICE, ACCOUNTS + "/" + UUID.randomUUID() + "/debits", key,
                AccountFixture.debit(100));
        BankHttp.Reply corrected = api.post(BankHttp.ALICE, ACCOUNTS + "/" + account + "/debits", key, AccountFixture.debit(100));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
    }

    @Test
    void creditBeyondTheBalanceCapIsAStoredRefusalReplayedAfterRoomWasMade() {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 0);
        creditDirectly(account, Amounts.MAX_BALANCE - 100);
        String key = "fence-cap-" + UUID.randomUUID();
        String credits = ACCOUNTS + "/" + account + "/credits";
        String credit = "{\"amount\":200,\"currency\":\"EUR\"}";

        BankHttp.Reply refused = api.post(BankHttp.ALICE, credits, key, credit);
        BankHttp.Reply madeRoom = api.post(BankHttp.ALICE, ACCOUNTS + "/" + account + "/debits", AccountFixture.debit(1_000));
        BankHttp.Reply retry = api.post(BankHttp.ALICE, credits, key, credit);
        BankHttp.Reply fresh = api.post(BankHttp.ALICE, credits, credit);

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "balance-limit-exceeded");
        assertThat(refused.json().get("operationId")).isNotNull();
        assertThat(madeRoom.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(refused.body());
        assertThat(fresh.status()).as("a new attempt needs a new key").isEqualTo(201);
        assertThat(AccountFixture.balance(api, BankHttp.ALICE, account)).isEqualTo(Amounts.MAX_BALANCE - 100 - 1_000 + 200);
        ledger.assertBooksBalance();
    }

    @Test
    void transferBeyondTheReceiversBalanceCapIsAStoredRefusal() {
        UUID from = AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000);
        UUID to = AccountFixture.euroAccount(api, BankHttp.BOB, 0);
        creditDirectly(to, Amounts.MAX_BALANCE - 10);
        String key = "fence-cap-transfer-" + UUID.randomUUID();
        String transfer = """
                {"fromAccountId":"%s","toAccountId":"%s","amount":20,"currency":"EUR"}""".formatted(from, to);

        BankHttp.Reply refused = api.post(BankHttp.ALICE, "/api/v1/transfers", key, transfer);
        BankHttp.Reply retry = api.post(BankHttp.ALICE, "/api/v1/transfers", key, transfer);

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "balance-limit-exceeded");
        assertThat(retry.body()).isEqualTo(refused.body());
        assertThat(AccountFixture.balance(api, BankHttp.ALICE, from)).isEqualTo(1_000);
        assertThat(AccountFixture.balance(api, BankHttp.BOB, to)).isEqualTo(Amounts.MAX_BALANCE - 10);
        ledger.assertBooksBalance();
    }

    /**
     * A balanced credit written straight into the ledger: reaching the balance cap through the API
     * would take a thousand credits of the largest amount.
     */
    private void creditDirectly(UUID account, long amount) {
        UUID operation = UUID.randomUUID();
        jdbc.sql("""
                insert into operation (id, client, type, status, account_id, amount, currency)
                values (:id, 'test-setup', 'CREDIT', 'COMPLETED', :account, :amount, 'EUR')""")
                .param("id", operation).param("account", account).param("amount", amount).update();
        long balance = jdbc.sql("update account set balance = balance + :amount where id = :account returning balance")
                .param("amount", amount).param("account", account).query(Long.class).single();
        jdbc.sql("""
                insert into ledger_entry (operation_id, account_id, amount, currency, balance_after)
                values (:id, :account, :amount, 'EUR', :balance), (:id, :settlement, -:amount, 'EUR', null)""")
                .param("id", operation).param("account", account).param("amount", amount).param("balance", balance)
                .param("settlement", Accounts.settlementAccount("EUR")).update();
    }
}

package dev.exactlyonce.bank.idempotency;

import java.util.List;
import java.util.UUID;

import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.Concurrently;
import dev.exactlyonce.bank.LedgerCheck;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.exactlyonce.bank.AccountFixture.ACCOUNTS;
import static dev.exactlyonce.bank.AccountFixture.EUR_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/** Opening an account is exactly once per key, through the Redis fast path and the PostgreSQL fence. */
@BankIntegrationTest
class AccountOpeningIntegrationTests {

    @Autowired
    BankHttp api;

    @Autowired
    LedgerCheck ledger;

    @Autowired
    RedisRecords records;

    @Test
    void refusesOpeningWithoutKeyOrWithMalformedKey() {
        long before = ledger.accounts();

        BankHttp.Reply missing = api.post(BankHttp.ALICE, ACCOUNTS, null, EUR_ACCOUNT);
        BankHttp.Reply spaced = api.post(BankHttp.ALICE, ACCOUNTS, "two words", EUR_ACCOUNT);
        BankHttp.Reply tooLong = api.post(BankHttp.ALICE, ACCOUNTS, "k".repeat(256), EUR_ACCOUNT);

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "idempotency-key-missing");
        assertThat(spaced.status()).isEqualTo(400);
        assertThat(spaced.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "idempotency-key-invalid");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "idempotency-key-invalid");
        assertThat(ledger.accounts()).isEqualTo(before);
    }

    @Test
    void sameKeyOpensOneAccountAndReplaysTheFirstAnswer() {
        String key = "open-" + UUID.randomUUID();
        long before = ledger.customerAccounts("alice");

        BankHttp.Reply first = openAndCredit(key);
        String id = first.json().get("id").asString();
        BankHttp.Reply again = api.post(BankHttp.ALICE, ACCOUNTS, key, EUR_ACCOUNT);

        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location")).isEqualTo(ACCOUNTS + "/" + id);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(ledger.accountsOpenedWithKey("alice", key)).containsExactly(UUID.fromString(id));
        assertThat(ledger.customerAccounts("alice")).isEqualTo(before + 1);
    }

    @Test
    void theFenceReplaysTheSameAnswerWhenRedisLostTheRecord() {
        String key = "open-lost-" + UUID.randomUUID();
        long before = ledger.customerAccounts("alice");
        BankHttp.Reply first = openAndCredit(key);
        records.delete("alice", key);

        BankHttp.Reply again = api.post(BankHttp.ALICE, ACCOUNTS, key, EUR_ACCOUNT);

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.body()).as("built from the account as opened, not as it is now").isEqualTo(first.body());
        assertThat(ledger.accountsOpenedWithKey("alice", key)).hasSize(1);
        assertThat(ledger.customerAccounts("alice")).isEqualTo(before + 1);
    }

    @Test
    void sameKeyWithAnotherCurrencyIsRefusedAndOpensNothing() {
        String key = "open-reused-" + UUID.randomUUID();
        api.post(BankHttp.ALICE, ACCOUNTS, key, EUR_ACCOUNT);
        long before = ledger.accounts();

        BankHttp.Reply other = api.post(BankHttp.ALICE, ACCOUNTS, key, "{\"currency\":\"USD\"}");
        records.delete("alice", key);
        BankHttp.Reply otherPastRedis = api.post(BankHttp.ALICE, ACCOUNTS, key, "{\"currency\":\"USD\"}");

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "idempotency-key-reused");
        assertThat(otherPastRedis.status()).as("the fence refuses it too").isEqualTo(422);
        assertThat(otherPastRedis.json().get("type").asString()).isEqualTo(BankHttp.PROBLEMS + "idempotency-key-reused");
        assertThat(ledger.accounts()).isEqualTo(before);
    }

    @Test
    void sameKeyFromTwoClientsOpensTwoAccounts() {
        String key = "open-shared-" + UUID.randomUUID();

        BankHttp.Reply alice = api.post(BankHttp.ALICE, ACCOUNTS, key, EUR_ACCOUNT);
        BankHttp.Reply bob = api.post(BankHttp.BOB, ACCOUNTS, key, EUR_ACCOUNT);

        assertThat(alice.status()).isEqualTo(201);
        assertThat(bob.status()).isEqualTo(201);
        assertThat(bob.header("Idempotent-Replayed")).isNull();
        assertThat(bob.json().get("id")).isNotEqualTo(alice.json().get("id"));
    }

    @Test
    void concurrentOpeningsWithOneKeyOpenOneAccount() throws Exception {
        String key = "open-concurrent-" + UUID.randomUUID();
        long before = ledger.customerAccounts("alice");

        List<BankHttp.Reply> replies = Concurrently.send(8, i -> api.post(BankHttp.ALICE, ACCOUNTS, key, EUR_ACCOUNT));

        assertThat(ledger.customerAccounts("alice")).isEqualTo(before + 1);
        assertThat(ledger.accountsOpenedWithKey("alice", key)).hasSize(1);
        // 409 while another request holds the key; how many get it depends on timing, and none may.
        assertThat(replies).extracting(BankHttp.Reply::status).isSubsetOf(201, 409);
        List<BankHttp.Reply> created = replies.stream().filter(reply -> reply.status() == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(created.stream().map(BankHttp.Reply::body).distinct()).hasSize(1);
        assertThat(created).filteredOn(reply -> reply.header("Idempotent-Replayed") == null).hasSizeLessThanOrEqualTo(1);
    }

    /**
     * The starter and the fence follow one rule: a refusal before the operation started (400, 404) is
     * stored by neither, so the corrected request runs under the same key with the Redis fast path on.
     */
    @Test
    void refusalsBeforeTheOperationStartedAreNotStoredByEitherLayer() {
        String openKey = "open-corrected-" + UUID.randomUUID();
        BankHttp.Reply selfGranted = api.post(BankHttp.ALICE, ACCOUNTS, openKey, "{\"currency\":\"EUR\",\"overdraftLimit\":500}");
        BankHttp.Reply opened = api.post(BankHttp.ALICE, ACCOUNTS, openKey, EUR_ACCOUNT);
        String account = opened.json().get("id").asString();
        api.post(BankHttp.ALICE, ACCOUNTS + "/" + account + "/credits", "{\"amount\":1000,\"currency\":\"EUR\"}");

        String debitKey = "debit-corrected-" + UUID.randomUUID();
        BankHttp.Reply wrongCurrency = api.post(BankHttp.ALICE, ACCOUNTS + "/" + account + "/debits", debitKey,
                "{\"amount\":100,\"currency\":\"USD\"}");
        BankHttp.Reply unknownAccount = api.post(BankHttp.ALICE, ACCOUNTS + "/" + UUID.randomUUID() + "/debits", debitKey,
                "{\"amount\":100,\"currency\":\"EUR\"}");
        BankHttp.Reply debited = api.post(BankHttp.ALICE, ACCOUNTS + "/" + account + "/debits", debitKey,
                "{\"amount\":100,\"currency\":\"EUR\"}");
        BankHttp.Reply replayed = api.post(BankHttp.ALICE, ACCOUNTS + "/" + account + "/debits", debitKey,
                "{\"amount\":100,\"currency\":\"EUR\"}");

        assertThat(selfGranted.status()).isEqualTo(400);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.header("Idempotent-Replayed")).isNull();
        assertThat(wrongCurrency.status()).isEqualTo(400);
        assertThat(unknownAccount.status()).isEqualTo(404);
        assertThat(debited.status()).as(debited.body()).isEqualTo(201);
        assertThat(debited.header("Idempotent-Replayed")).isNull();
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.get(BankHttp.ALICE, ACCOUNTS + "/" + account).json().get("balance").asLong()).isEqualTo(900);
    }

    /**
     * Opens an account of Alice's with this key and credits it, so that an answer built from the account as
     * it is now would no longer be the answer to the opening.
     */
    private BankHttp.Reply openAndCredit(String key) {
        BankHttp.Reply opened = api.post(BankHttp.ALICE, ACCOUNTS, key, EUR_ACCOUNT);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        BankHttp.Reply credited = api.post(BankHttp.ALICE, ACCOUNTS + "/" + opened.json().get("id").asString() + "/credits",
                "{\"amount\":700,\"currency\":\"EUR\"}");
        assertThat(credited.status()).as(credited.body()).isEqualTo(201);
        return opened;
    }
}

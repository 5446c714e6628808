package dev.exactlyonce.bank.idempotency;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.exactlyonce.bank.AccountFixture;
import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.LedgerCheck;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With waiting on, a retry that arrives while the first attempt runs gets that attempt's reply. */
@BankIntegrationTest
@TestPropertySource(properties = "exactlyonce.idempotency.wait.enabled=true")
class WaitModeIntegrationTests {

    @Autowired
    BankHttp api;

    @Autowired
    LedgerCheck ledger;

    @Autowired
    DataSource dataSource;

    @Autowired
    RedisRecords records;

    @Test
    void retryWaitsForTheFirstAttemptAndReturnsItsReply() throws Exception {
        UUID account = AccountFixture.euroAccount(api, BankHttp.ALICE, 1_000);
        String key = "waiting-" + UUID.randomUUID();
        String path = "/api/v1/accounts/" + account + "/debits";
        CompletableFuture<BankHttp.Reply> first;
        CompletableFuture<BankHttp.Reply> retry;
        try (AccountLock lock = AccountLock.hold(dataSource, account)) {
            first = CompletableFuture.supplyAsync(() -> api.post(BankHttp.ALICE, path, key, AccountFixture.debit(100)));
            await().atMost(Duration.ofSeconds(10)).until(() -> records.exists("alice", key));
            retry = CompletableFuture.supplyAsync(() -> api.post(BankHttp.ALICE, path, key, AccountFixture.debit(100)));
            Thread.sleep(500);
            assertThat(retry).as("the retry waits while the first attempt holds the key").isNotDone();
        }

        BankHttp.Reply firstReply = first.get(30, TimeUnit.SECONDS);
        BankHttp.Reply retryReply = retry.get(30, TimeUnit.SECONDS);

        assertThat(firstReply.status()).isEqualTo(201);
        assertThat(retryReply.status()).isEqualTo(201);
        assertThat(retryReply.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retryReply.body()).isEqualTo(firstReply.body());
        assertThat(ledger.completedDebits(account)).isEqualTo(1);
    }
}

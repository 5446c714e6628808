package dev.exactlyonce.bank.idempotency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.FundedAccount;
import dev.exactlyonce.idempotency.SequencedKey;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14 against the real stack: a client's cumulative acknowledgement discards its replies in Redis and its
 * rows in the PostgreSQL fence, and a key below the watermark never moves money again, also after Redis forgot
 * everything.
 */
@BankIntegrationTest
class AcknowledgementIntegrationTests {

    private static final String DEBIT = "{\"amount\":10,\"currency\":\"EUR\"}";

    @Autowired
    BankHttp api;

    @Autowired
    FundedAccount account;

    @Autowired
    RedisRecords records;

    @Autowired
    JdbcClient jdbc;

    private final String session = "bank" + UUID.randomUUID().toString().replace("-", "");

    private BankHttp.Reply debit(long sequence, long acknowledged) {
        return api.post(BankHttp.ALICE, account.debits(), new SequencedKey(session, sequence).field(acknowledged), DEBIT);
    }

    private String key(long sequence) {
        return new SequencedKey(session, sequence).key().value();
    }

    private long fenceRowsOfSession() {
        return jdbc.sql("select count(*) from idempotency_record where client = 'alice' and key_session = :session")
                .param("session", session).query(Long.class).single();
    }

    /** The session's watermark in the fence; acknowledgements reach it in the background, within moments. */
    private java.util.Optional<Long> watermarkRow() {
        return jdbc.sql("select watermark from idempotency_watermark where client = 'alice' and session = :session")
                .param("session", session).query(Long.class).optional();
    }

    /** Waits until the background applier has discarded the session's fence rows down to {@code rows}. */
    private void awaitFenceRowsOfSession(long rows) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> fenceRowsOfSession() == rows);
    }

    @Test
    void unacknowledgedKeyReplaysAndAnAcknowledgedOneIsRefusedWithoutMovingMoney() {
        assertThat(debit(1, 0).status()).isEqualTo(201);
        assertThat(debit(2, 1).status()).isEqualTo(201);

        BankHttp.Reply retry = debit(1, 1);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");

        assertThat(debit(3, 3).status()).isEqualTo(201);
        BankHttp.Reply belowWatermark = debit(1, 0);

        assertThat(belowWatermark.status()).as(belowWatermark.body()).isEqualTo(410);
        assertThat(belowWatermark.json().get("type").asString())
                .isEqualTo(BankHttp.PROBLEMS + "idempotency-key-acknowledged");
        assertThat(account.balance()).isEqualTo(FundedAccount.OPENING_BALANCE - 30);
        assertThat(records.exists("alice", key(1))).isFalse();
        assertThat(records.exists("alice", key(2))).isFalse();
        assertThat(records.exists("alice", key(3))).isTrue();
    }

    @Test
    void fenceKeepsTheWatermarkWhenRedisForgetsEverything() {
        debit(1, 0);
        debit(2, 1);
        debit(3, 3);
        awaitFenceRowsOfSession(1);

        records.flushAll();
        BankHttp.Reply replayOfAcknowledged = debit(2, 0);
        BankHttp.Reply unacknowledged = debit(3, 3);

        assertThat(replayOfAcknowledged.status()).as(replayOfAcknowledged.body()).isEqualTo(410);
        assertThat(replayOfAcknowledged.json().get("type").asString())
                .isEqualTo(BankHttp.PROBLEMS + "idempotency-key-acknowledged");
        assertThat(unacknowledged.status()).isEqualTo(201);
        assertThat(unacknowledged.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(account.balance()).isEqualTo(FundedAccount.OPENING_BALANCE - 30);
        assertThat(records.exists("alice", key(2))).as("nothing stored for the refusal").isFalse();
    }

    @Test
    void operationsKeepTheirKeysForAuditAfterTheirFenceRowsAreDiscarded() {
        debit(1, 0);
        debit(2, 2);
        awaitFenceRowsOfSession(1);

        List<String> keys = jdbc.sql("select idempotency_key from operation where account_id = :account and type = 'DEBIT'")
                .param("account", account.id()).query(String.class).list();

        assertThat(keys).containsExactlyInAnyOrder(key(1), key(2));
    }

    @Test
    void staleOrConcurrentAcknowledgementsNeverLowerTheWatermark() throws Exception {
        List<Long> acknowledgements = new ArrayList<>();
        for (long ack = 1; ack <= 24; ack++) {
            acknowledgements.add(ack);
        }
        Collections.shuffle(acknowledgements, new Random(14));
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<BankHttp.Reply>> replies = new ArrayList<>();
            for (long ack : acknowledgements) {
                replies.add(clients.submit(() -> debit(100 + ack, ack)));
            }
            for (Future<BankHttp.Reply> reply : replies) {
                assertThat(reply.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(debit(200, 5).status()).isEqualTo(201);

        await().atMost(10, TimeUnit.SECONDS).until(() -> watermarkRow().isPresent() && watermarkRow().get() >= 24);
        Thread.sleep(3 * 100); // a few more rounds of the background applier: a stale 5 must not lower it
        assertThat(watermarkRow()).contains(24L);
        records.flushAll();
        assertThat(debit(23, 0).status()).isEqualTo(410);
        assertThat(account.balance()).isEqualTo(FundedAccount.OPENING_BALANCE - 250);
    }
}

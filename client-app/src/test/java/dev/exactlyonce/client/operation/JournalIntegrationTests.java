package dev.exactlyonce.client.operation;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.exactlyonce.client.operation.OperationFixture.ALICE;
import static dev.exactlyonce.client.operation.OperationFixture.debit;
import static dev.exactlyonce.client.operation.OperationFixture.debitsPath;
import static dev.exactlyonce.client.operation.OperationFixture.newKey;
import static dev.exactlyonce.client.operation.OperationFixture.settleLeftoversOfEarlierTests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.exactlyonce.client.BankStub;
import dev.exactlyonce.client.ClientIntegrationTest;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The journal in the real PostgreSQL: written before the first attempt, one entry per key, resumed after a crash. */
@ClientIntegrationTest
class JournalIntegrationTests {

    @Autowired
    Operations operations;

    @Autowired
    JournalResumer resumer;

    @Autowired
    JdbcClient jdbc;

    private final UUID account = UUID.randomUUID();

    private final UUID bankOperation = UUID.randomUUID();

    @Test
    void returnsTheExistingEntryWhenTheSameKeyIsSubmittedAgain() {
        String key = newKey("twice");
        answerDebits(0);

        JournalView first = operations.submit(ALICE, debit(account, 1_000, key));
        JournalView second = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(BankStub.requestsTo(debitsPath(account))).hasSize(1);
        assertThat(operations.list(ALICE)).filteredOn(view -> view.idempotencyKey().equals(key)).hasSize(1);
    }

    @Test
    void aDoubleClickWhileTheFirstSubmitIsInFlightJoinsIt() throws Exception {
        String key = newKey("double-click");
        answerDebits(300);
        ExecutorService clicks = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<JournalView> first = CompletableFuture.supplyAsync(
                    () -> operations.submit(ALICE, debit(account, 1_000, key)), clicks);
            CompletableFuture<JournalView> second = CompletableFuture.supplyAsync(
                    () -> operations.submit(ALICE, debit(account, 1_000, key)), clicks);

            assertThat(second.get().id()).isEqualTo(first.get().id());
        } finally {
            clicks.shutdown();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> operations.list(ALICE).stream()
                .filter(view -> view.idempotencyKey().equals(key)).allMatch(view -> view.status() == OperationStatus.SUCCEEDED));
        assertThat(BankStub.requestsTo(debitsPath(account))).hasSize(1);
    }

    @Test
    void refusesTheSameKeyForADifferentOperation() {
        String key = newKey("reused");
        answerDebits(0);
        operations.submit(ALICE, debit(account, 1_000, key));

        assertThatThrownBy(() -> operations.submit(ALICE, debit(account, 2_000, key)))
                .isInstanceOf(OperationKeyReusedException.class);
        assertThat(BankStub.requestsTo(debitsPath(account))).hasSize(1);
    }

    @Test
    void holdsTheOperationAndItsKeyBeforeTheBankHasAnswered() {
        String key = newKey("before");
        answerDebits(400);

        CompletableFuture<JournalView> submitted = CompletableFuture.supplyAsync(
                () -> operations.submit(ALICE, debit(account, 1_000, key)));

        await().atMost(Duration.ofSeconds(5)).until(() -> BankStub.requestsTo(debitsPath(account)).size() == 1);
        JournalView during = operations.list(ALICE).stream().filter(view -> view.idempotencyKey().equals(key))
                .findFirst().orElseThrow();
        assertThat(during.status()).isEqualTo(OperationStatus.IN_DOUBT);
        assertThat(during.attempts()).singleElement().satisfies(attempt -> assertThat(attempt.httpStatus()).isNull());
        assertThat(submitted.join().status()).isEqualTo(OperationStatus.SUCCEEDED);
    }

    @Test
    void resumesAnOperationACrashedProcessLeftInDoubtWithItsOriginalKey() {
        settleLeftoversOfEarlierTests(jdbc);
        String key = newKey("crashed");
        UUID id = UUID.randomUUID();
        Instant then = Instant.now().minusSeconds(60);
        // What a process killed mid-attempt leaves behind: the operation in doubt and an attempt with no end.
        jdbc.sql("""
                insert into client_journal.operation (id, username, idempotency_key, type, account_id, amount, currency,
                    status, created_at, updated_at, next_attempt_at)
                values (:id, 'alice', :key, 'DEBIT', :account, 1000, 'EUR', 'IN_DOUBT', :then, :then, :later)""")
                .param("id", id).param("key", key).param("account", account)
                .param("then", OffsetDateTime.ofInstant(then, ZoneOffset.UTC))
                .param("later", OffsetDateTime.ofInstant(then.plusSeconds(3_600), ZoneOffset.UTC))
                .update();
        jdbc.sql("insert into client_journal.attempt (operation_id, number, started_at) values (:id, 1, :then)")
                .param("id", id).param("then", OffsetDateTime.ofInstant(then, ZoneOffset.UTC)).update();
        BankStub.server().stubFor(post(urlPathEqualTo(debitsPath(account)))
                .willReturn(BankStub.created(bankOperation, account, 1_000, true)));

        resumer.resumeUnfinished();

        await().atMost(Duration.ofSeconds(10)).until(() -> operations.get(ALICE, id).status() == OperationStatus.SUCCEEDED);
        JournalView resumed = operations.get(ALICE, id);
        assertThat(resumed.replayed()).isTrue();
        assertThat(resumed.bankOperationId()).isEqualTo(bankOperation);
        List<AttemptView> attempts = resumed.attempts();
        assertThat(attempts).extracting(AttemptView::number).containsExactly(1, 2);
        assertThat(attempts.get(0).error()).contains("client-app stopped");
        assertThat(attempts.get(1).httpStatus()).isEqualTo(201);
        assertThat(BankStub.requestsTo(debitsPath(account))).singleElement()
                .satisfies(request -> assertThat(request.getHeader(IdempotencyHeaders.KEY)).isEqualTo(key));
    }

    @Test
    void refusesAMalformedKeyBeforeJournalingAnything() {
        assertThatThrownBy(() -> operations.submit(ALICE, debit(account, 1_000, "bad key\r\n")))
                .isInstanceOf(InvalidOperationException.class);
        assertThatThrownBy(() -> operations.submit(ALICE, debit(account, 0, null)))
                .isInstanceOf(InvalidOperationException.class);
        assertThat(BankStub.requestsTo(debitsPath(account))).isEmpty();
    }

    private void answerDebits(int delayMillis) {
        BankStub.server().stubFor(post(urlPathEqualTo(debitsPath(account)))
                .willReturn(BankStub.created(bankOperation, account, 1_000, false).withFixedDelay(delayMillis)));
    }
}

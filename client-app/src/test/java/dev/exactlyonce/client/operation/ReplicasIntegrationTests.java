package dev.exactlyonce.client.operation;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.exactlyonce.client.operation.OperationFixture.ALICE;
import static dev.exactlyonce.client.operation.OperationFixture.bankField;
import static dev.exactlyonce.client.operation.OperationFixture.debit;
import static dev.exactlyonce.client.operation.OperationFixture.debitsPath;
import static dev.exactlyonce.client.operation.OperationFixture.newKey;
import static dev.exactlyonce.client.operation.OperationFixture.settleLeftoversOfEarlierTests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.exactlyonce.client.AnotherInstance;
import dev.exactlyonce.client.BankStub;
import dev.exactlyonce.client.ClientIntegrationTest;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two client-app replicas on one journal: the shared test context and a second instance in the same JVM, both
 * against the real PostgreSQL and WireMock's bank. They coordinate only through the journal.
 */
@ClientIntegrationTest
class ReplicasIntegrationTests {

    private static ConfigurableApplicationContext other;

    @Autowired
    Journal journal;

    @Autowired
    JournalResumer resumer;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startTheOtherReplica() {
        other = AnotherInstance.start();
    }

    @AfterAll
    static void stopTheOtherReplica() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void noOperationEverHasTwoRoundsAtOnceUnderConcurrentResumersOnTwoReplicas() throws Exception {
        settleLeftoversOfEarlierTests(jdbc);
        List<PendingOperation> due = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID account = UUID.randomUUID();
            // Busy for now: every round runs its four attempts and leaves the operation in doubt, due again at once.
            BankStub.server().stubFor(post(urlPathEqualTo(debitsPath(account)))
                    .willReturn(BankStub.problem(409, "idempotency-key-in-progress", "Conflict").withFixedDelay(100)));
            due.add(journalDue(account));
        }
        JournalResumer otherResumer = other.getBean(JournalResumer.class);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> here = CompletableFuture.runAsync(() -> resumeUntil(resumer, stop));
        CompletableFuture<Void> there = CompletableFuture.runAsync(() -> resumeUntil(otherResumer, stop));
        try {
            await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(60))
                    .until(() -> attempts(due).stream().map(Attempt::instance).distinct().count() == 2);
            for (PendingOperation operation : due) {
                BankStub.server().stubFor(post(urlPathEqualTo(debitsPath(operation.accountId())))
                        .willReturn(BankStub.created(UUID.randomUUID(), operation.accountId(), 1_000, true)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> due.stream()
                    .allMatch(operation -> journal.find(operation.id()).orElseThrow().status() == OperationStatus.SUCCEEDED));
        } finally {
            stop.set(true);
            CompletableFuture.allOf(here, there).join();
        }

        List<Attempt> attempts = attempts(due);
        assertThat(attempts).extracting(Attempt::instance).as("both replicas ran rounds")
                .containsOnly(journal.instance(), other.getBean(Journal.class).instance()).doesNotContainNull();
        for (PendingOperation operation : due) {
            List<Attempt> ofOne = attempts.stream().filter(attempt -> attempt.operation().equals(operation.id())).toList();
            assertThat(ofOne).as("attempts of %s", operation.id()).hasSizeGreaterThan(1)
                    .allSatisfy(attempt -> assertThat(attempt.finishedAt()).isNotNull());
            for (int i = 1; i < ofOne.size(); i++) {
                assertThat(ofOne.get(i).startedAt()).as("attempt %d of %s starts after %d ended", i + 1, operation.id(), i)
                        .isAfterOrEqualTo(ofOne.get(i - 1).finishedAt());
            }
            assertThat(BankStub.requestsTo(debitsPath(operation.accountId())))
                    .extracting(request -> request.getHeader(IdempotencyHeaders.KEY))
                    .containsOnly(bankField(jdbc, ALICE, operation.idempotencyKey()));
        }
    }

    @Test
    void aStartingReplicaLeavesTheAttemptInFlightOnALiveOneAlone(@Autowired Operations operations) {
        settleLeftoversOfEarlierTests(jdbc);
        UUID account = UUID.randomUUID();
        String key = newKey("in-flight");
        BankStub.server().stubFor(post(urlPathEqualTo(debitsPath(account)))
                .willReturn(BankStub.created(UUID.randomUUID(), account, 1_000, false).withFixedDelay(1_000)));
        CompletableFuture<JournalView> submitted = CompletableFuture.supplyAsync(
                () -> operations.submit(ALICE, debit(account, 1_000, key)));
        await().atMost(Duration.ofSeconds(10)).until(() -> BankStub.requestsTo(debitsPath(account)).size() == 1);

        // What the other replica does when it starts: close the attempts of dead instances, resume what is free.
        other.getBean(JournalResumer.class).resumeUnfinished();

        JournalView view = submitted.join();
        assertThat(view.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(view.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.error()).as("not closed as interrupted").isNull();
            assertThat(attempt.httpStatus()).isEqualTo(201);
        });
        assertThat(BankStub.requestsTo(debitsPath(account))).as("no second round from the other replica").hasSize(1);
    }

    @Test
    void aReplicaResumesTheOperationsOfOneThatStoppedBeatingAndLeavesALiveOnesAlone() {
        settleLeftoversOfEarlierTests(jdbc);
        UUID dead = UUID.randomUUID();
        jdbc.sql("""
                insert into client_journal.instance (id, host, started_at, heartbeat_at)
                values (:id, 'killed/1', clock_timestamp() - interval '1 hour', clock_timestamp() - interval '1 hour')""")
                .param("id", dead).update();
        UUID orphanAccount = UUID.randomUUID();
        PendingOperation orphan = leasedWithOpenAttempt(orphanAccount, dead);
        UUID heldAccount = UUID.randomUUID();
        PendingOperation held = leasedWithOpenAttempt(heldAccount, other.getBean(Journal.class).instance());
        BankStub.server().stubFor(post(urlPathEqualTo(debitsPath(orphanAccount)))
                .willReturn(BankStub.created(UUID.randomUUID(), orphanAccount, 1_000, true)));

        resumer.resumeDue();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> journal.find(orphan.id()).orElseThrow().status() == OperationStatus.SUCCEEDED);
        List<Attempt> resumed = attempts(List.of(orphan));
        assertThat(resumed).hasSize(2);
        assertThat(resumed.get(0).error()).contains("client-app stopped");
        assertThat(resumed.get(1).instance()).isEqualTo(journal.instance());
        assertThat(BankStub.requestsTo(debitsPath(orphanAccount))).singleElement()
                .satisfies(request -> assertThat(request.getHeader(IdempotencyHeaders.KEY))
                        .isEqualTo(bankField(jdbc, ALICE, orphan.idempotencyKey())));
        assertThat(jdbc.sql("select count(*) from client_journal.instance where id = :id").param("id", dead)
                .query(Integer.class).single()).as("the dead instance is forgotten").isZero();

        assertThat(journal.find(held.id()).orElseThrow().status()).isEqualTo(OperationStatus.IN_DOUBT);
        assertThat(attempts(List.of(held))).singleElement().satisfies(attempt -> {
            assertThat(attempt.error()).as("a live replica's attempt stays open").isNull();
            assertThat(attempt.finishedAt()).isNull();
        });
        assertThat(BankStub.requestsTo(debitsPath(heldAccount))).isEmpty();
    }

    /** An operation in doubt, due now, that no round has touched yet. */
    private PendingOperation journalDue(UUID account) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String key = newKey("replicas");
        return journal.insertIfAbsent(PendingOperation.submitted(UUID.randomUUID(), ALICE, key,
                debit(account, 1_000, key), now), now).operation();
    }

    /**
     * What a replica leaves behind mid-round: an operation in doubt leased to it for another hour, not due
     * before then, and an attempt it started and has not finished.
     */
    private PendingOperation leasedWithOpenAttempt(UUID account, UUID instance) {
        PendingOperation operation = journalDue(account);
        jdbc.sql("""
                update client_journal.operation set leased_by = :instance,
                    lease_until = clock_timestamp() + interval '1 hour',
                    next_attempt_at = clock_timestamp() + interval '1 hour'
                where id = :id""").param("instance", instance).param("id", operation.id()).update();
        jdbc.sql("""
                insert into client_journal.attempt (operation_id, number, started_at, instance_id)
                values (:id, 1, clock_timestamp(), :instance)""")
                .param("id", operation.id()).param("instance", instance).update();
        return operation;
    }

    private static void resumeUntil(JournalResumer resumer, AtomicBoolean stop) {
        while (!stop.get()) {
            resumer.resumeDue();
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Attempt> attempts(List<PendingOperation> operations) {
        return jdbc.sql("""
                select operation_id, number, started_at, finished_at, instance_id, error from client_journal.attempt
                where operation_id in (:ids) order by operation_id, number""")
                .param("ids", operations.stream().map(PendingOperation::id).toList())
                .query((rs, row) -> new Attempt(rs.getObject("operation_id", UUID.class), rs.getInt("number"),
                        rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("finished_at", OffsetDateTime.class) == null ? null
                                : rs.getObject("finished_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("instance_id", UUID.class), rs.getString("error")))
                .list();
    }

    /** One attempt row as the journal holds it. */
    private record Attempt(UUID operation, int number, Instant startedAt, Instant finishedAt, UUID instance,
            String error) {
    }
}

package dev.exactlyonce.client.operation;

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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.exactlyonce.client.AnotherInstance;
import dev.exactlyonce.client.BankStub;
import dev.exactlyonce.client.ClientIntegrationTest;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * client-app's keys at the bank: {@code <session>.<sequence>} in one durable session per user, and the
 * cumulative acknowledgement fixed with each key, in the real PostgreSQL journal and against WireMock's bank.
 * Tests that only mint use a user of their own, so that their sequences start at 1.
 */
@ClientIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SequencedKeysIntegrationTests {

    private static final Pattern FIELD = Pattern.compile("(s[0-9a-f]{32})\\.([1-9][0-9]*);ack=([0-9]+)");

    @Autowired
    Journal journal;

    @Autowired
    Operations operations;

    @Autowired
    JdbcClient jdbc;

    private final UUID account = UUID.randomUUID();

    private final String user = "keys-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void settleWhatTheTestLeftInDoubt() {
        // The users minted for here have no bank token: no resumer may pick their operations up later.
        settleLeftoversOfEarlierTests(jdbc);
    }

    @Test
    void sequencesAreDenseAndUniquePerUserUnderConcurrentSubmits() throws Exception {
        List<PendingOperation> minted = mintConcurrently(List.of(journal), 8, 25);

        assertThat(minted).extracting(PendingOperation::bankKey).doesNotHaveDuplicates();
        assertThat(sequences(minted)).containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(minted).extracting(operation -> session(operation.bankKey())).containsOnly(sessionOf(user));
    }

    @Test
    void neverAcknowledgesAnOperationMintedConcurrentlyThatIsStillInDoubt() throws Exception {
        settle(mint());

        List<PendingOperation> minted = mintConcurrently(List.of(journal), 8, 25);

        // Nothing was in doubt when they started; then all 200 are, and 2 was minted first. A mint that waited
        // for another's lock and did not see that one's operation would acknowledge past it.
        assertThat(minted).extracting(PendingOperation::acknowledged).containsOnly(2L);
        assertThat(sessionAcknowledged(user)).isEqualTo(2);
    }

    @Test
    void aMintThatWaitedForAnotherToCommitNeverAcknowledgesPastIt(@Autowired TransactionOperations transactions)
            throws Exception {
        settle(mint());
        CountDownLatch firstMinted = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The first mint's transaction stays open: its operation (2, in doubt) is not committed yet.
            Future<PendingOperation> first = pool.submit(() -> transactions.execute(status -> {
                PendingOperation minted = mint();
                firstMinted.countDown();
                waitFor(commitFirst);
                return minted;
            }));
            assertThat(firstMinted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<PendingOperation> second = pool.submit(() -> mint());
            await().atMost(Duration.ofSeconds(10)).until(this::aMintWaitsForALock);
            commitFirst.countDown();

            assertThat(first.get().acknowledged()).isEqualTo(2);
            assertThat(sequence(second.get().bankKey())).isEqualTo(3);
            assertThat(second.get().acknowledged()).as("2 is in doubt").isEqualTo(2);
        } finally {
            commitFirst.countDown();
            pool.shutdown();
        }
    }

    @Test
    void twoInstancesOnOneJournalNeverHandOutTheSameSequence() throws Exception {
        try (ConfigurableApplicationContext other = AnotherInstance.start()) {
            settle(mint());

            List<PendingOperation> minted = mintConcurrently(List.of(journal, other.getBean(Journal.class)), 4, 25);

            assertThat(minted).extracting(PendingOperation::bankKey).doesNotHaveDuplicates();
            assertThat(sequences(minted)).containsExactlyElementsOf(LongStream.rangeClosed(2, 201).boxed().toList());
            assertThat(minted).extracting(PendingOperation::acknowledged).containsOnly(2L);
        }
    }

    @Test
    void operationsThatCompleteOutOfOrderAreAcknowledgedOnlyWhenEveryLowerOneIsDefinite() {
        List<PendingOperation> first = List.of(mint(), mint(), mint(), mint());
        assertThat(first).extracting(PendingOperation::acknowledged).containsOnly(1L);

        settle(first.get(2));
        settle(first.get(1));
        PendingOperation fifth = mint();
        assertThat(fifth.acknowledged()).as("1 is still in doubt").isEqualTo(1);

        settle(first.get(0));
        PendingOperation sixth = mint();
        assertThat(sixth.acknowledged()).as("1, 2 and 3 are definite, 4 is not").isEqualTo(4);

        settle(first.get(3));
        PendingOperation seventh = mint();
        assertThat(seventh.acknowledged()).as("5 and 6 are in doubt").isEqualTo(5);

        settle(fifth);
        settle(sixth);
        settle(seventh);
        PendingOperation eighth = mint();
        assertThat(eighth.acknowledged()).as("nothing below it in doubt").isEqualTo(8);
        assertThat(sequences(List.of(fifth, sixth, seventh, eighth))).containsExactly(5L, 6L, 7L, 8L);
        assertThat(sessionAcknowledged(user)).isEqualTo(8);
    }

    @Test
    void sendsTheSequencedKeyWithItsAcknowledgementIdenticallyOnEveryAttempt() {
        String key = newKey("sequenced");
        ResponseDefinitionBuilder unavailable = BankStub.problem(503, "unavailable", "Service Unavailable");
        BankStub.script(debitsPath(account), unavailable, unavailable,
                BankStub.created(UUID.randomUUID(), account, 1_000, true));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(view.status()).isEqualTo(OperationStatus.SUCCEEDED);
        List<String> fields = headers(BankStub.requestsTo(debitsPath(account)));
        assertThat(fields).hasSize(3).containsOnly(bankField(jdbc, ALICE, key));
        Matcher field = FIELD.matcher(fields.get(0));
        assertThat(field.matches()).as(fields.get(0)).isTrue();
        assertThat(field.group(1)).isEqualTo(sessionOf(ALICE));
        assertThat(Long.parseLong(field.group(3))).isLessThanOrEqualTo(Long.parseLong(field.group(2)));
    }

    @Test
    void aRestartedClientAppResumesItsSessionAndResendsTheIdenticalField() {
        settleLeftoversOfEarlierTests(jdbc);
        String key = newKey("restarted");
        ResponseDefinitionBuilder unavailable = BankStub.problem(503, "unavailable", "Service Unavailable");
        BankStub.script(debitsPath(account), unavailable, unavailable, unavailable, unavailable,
                BankStub.created(UUID.randomUUID(), account, 1_000, true));
        JournalView inDoubt = operations.submit(ALICE, debit(account, 1_000, key));
        assertThat(inDoubt.status()).isEqualTo(OperationStatus.IN_DOUBT);
        String field = bankField(jdbc, ALICE, key);
        String session = sessionOf(ALICE);
        long nextSequence = jdbc.sql("select next_sequence from client_journal.key_session where username = :user")
                .param("user", ALICE).query(Long.class).single();

        try (ConfigurableApplicationContext restarted = AnotherInstance.start()) {
            Operations resumed = restarted.getBean(Operations.class);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> resumed.get(ALICE, inDoubt.id()).status() == OperationStatus.SUCCEEDED);

            assertThat(headers(BankStub.requestsTo(debitsPath(account)))).hasSize(5).containsOnly(field);
            UUID other = UUID.randomUUID();
            BankStub.script(debitsPath(other), BankStub.created(UUID.randomUUID(), other, 1_000, false));
            String next = newKey("after-restart");
            resumed.submit(ALICE, debit(other, 1_000, next));
            Matcher minted = FIELD.matcher(bankField(jdbc, ALICE, next));
            assertThat(minted.matches()).isTrue();
            assertThat(minted.group(1)).as("the same session").isEqualTo(session);
            assertThat(Long.parseLong(minted.group(2))).as("the sequence goes on").isEqualTo(nextSequence);
        }
    }

    @Test
    void settlesAsRejectedAndLogsAnErrorWhenTheBankRefusesTheKeyAsAcknowledged(CapturedOutput output) {
        String key = newKey("acknowledged");
        BankStub.script(debitsPath(account),
                BankStub.problem(410, "idempotency-key-acknowledged", "Idempotency-Key below the acknowledged sequence"));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(view.status()).isEqualTo(OperationStatus.REJECTED);
        assertThat(view.problemType()).isEqualTo("https://exactly-once.dev/problems/idempotency-key-acknowledged");
        assertThat(BankStub.requestsTo(debitsPath(account))).as("never retried").hasSize(1);
        assertThat(output).contains("ERROR").contains("refused operation " + view.id());
    }

    @Test
    void prunesExactlyTheOldFinalAcknowledgedOperations(@Autowired JournalPruner pruner,
            @Autowired MeterRegistry meters) {
        PendingOperation acknowledgedOld = mint();
        PendingOperation acknowledgedRecent = mint();
        PendingOperation acknowledgedOldToo = mint();
        settle(acknowledgedOld);
        settle(acknowledgedRecent);
        settle(acknowledgedOldToo);
        PendingOperation notYetAcknowledged = mint();
        PendingOperation inDoubt = mint();
        settle(notYetAcknowledged);
        assertThat(sessionAcknowledged(user)).as("1 to 3 acknowledged, 4 not yet").isEqualTo(4);
        jdbc.sql("""
                insert into client_journal.attempt (operation_id, number, started_at, finished_at, http_status)
                values (:id, 1, now(), now(), 201)""").param("id", acknowledgedOld.id()).update();
        UUID opaque = journalOpaqueSucceeded();
        for (UUID id : List.of(acknowledgedOld.id(), acknowledgedOldToo.id(), notYetAcknowledged.id(), inDoubt.id(),
                opaque)) {
            age(id, Duration.ofDays(31));
        }
        double before = meters.counter("client.journal.pruned").count();

        int pruned = pruner.prune();

        assertThat(remaining()).containsExactlyInAnyOrder(acknowledgedRecent.id(), notYetAcknowledged.id(),
                inDoubt.id());
        assertThat(jdbc.sql("select count(*) from client_journal.attempt where operation_id = :id")
                .param("id", acknowledgedOld.id()).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from client_journal.operation where id = :id")
                .param("id", opaque).query(Integer.class).single()).isZero();
        assertThat(pruned).isGreaterThanOrEqualTo(3);
        assertThat(meters.counter("client.journal.pruned").count() - before).isEqualTo(pruned);
    }

    private boolean aMintWaitsForALock() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and query like '%client_journal.key_session%'""")
                .query(Integer.class).single() > 0;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private PendingOperation mint() {
        return mint(journal, user);
    }

    private PendingOperation mint(Journal on, String forUser) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PendingOperation candidate = PendingOperation.submitted(UUID.randomUUID(), forUser, newKey("mint"),
                debit(account, 1_000, null), now);
        Journal.Stored stored = on.insertIfAbsent(candidate, now.plus(Duration.ofHours(1)));
        assertThat(stored.created()).isTrue();
        return stored.operation();
    }

    /** {@code threads} threads per journal, each minting {@code each} keys for this test's user at once. */
    private List<PendingOperation> mintConcurrently(List<Journal> journals, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(journals.size() * threads);
        try {
            List<Callable<List<PendingOperation>>> work = new ArrayList<>();
            for (Journal on : journals) {
                for (int i = 0; i < threads; i++) {
                    work.add(() -> {
                        List<PendingOperation> mine = new ArrayList<>();
                        for (int n = 0; n < each; n++) {
                            mine.add(mint(on, user));
                        }
                        return mine;
                    });
                }
            }
            List<PendingOperation> minted = new ArrayList<>();
            for (Future<List<PendingOperation>> done : pool.invokeAll(work)) {
                minted.addAll(done.get());
            }
            return minted;
        } finally {
            pool.shutdown();
        }
    }

    private void settle(PendingOperation operation) {
        assertThat(journal.settle(operation.id(), OperationStatus.SUCCEEDED, "settled by the test", null, false,
                UUID.randomUUID(), Instant.now())).isTrue();
    }

    private UUID journalOpaqueSucceeded() {
        UUID id = UUID.randomUUID();
        String key = newKey("opaque");
        jdbc.sql("""
                insert into client_journal.operation (id, username, idempotency_key, bank_key, type, account_id, amount,
                    currency, status, created_at, updated_at)
                values (:id, :user, :key, :key, 'DEBIT', :account, 1000, 'EUR', 'SUCCEEDED', now(), now())""")
                .param("id", id).param("user", user).param("key", key).param("account", account).update();
        return id;
    }

    private void age(UUID id, Duration by) {
        jdbc.sql("update client_journal.operation set updated_at = :then where id = :id")
                .param("then", OffsetDateTime.ofInstant(Instant.now().minus(by), ZoneOffset.UTC))
                .param("id", id)
                .update();
    }

    private List<UUID> remaining() {
        return jdbc.sql("select id from client_journal.operation where username = :user")
                .param("user", user).query(UUID.class).list();
    }

    private String sessionOf(String name) {
        return jdbc.sql("select session_id from client_journal.key_session where username = :user")
                .param("user", name).query(String.class).single();
    }

    private long sessionAcknowledged(String name) {
        return jdbc.sql("select acknowledged from client_journal.key_session where username = :user")
                .param("user", name).query(Long.class).single();
    }

    private static List<Long> sequences(List<PendingOperation> minted) {
        return minted.stream().map(operation -> sequence(operation.bankKey())).sorted().toList();
    }

    private static long sequence(String bankKey) {
        return Long.parseLong(bankKey.substring(bankKey.indexOf('.') + 1));
    }

    private static String session(String bankKey) {
        return bankKey.substring(0, bankKey.indexOf('.'));
    }

    private static List<String> headers(List<LoggedRequest> requests) {
        return requests.stream().map(request -> request.getHeader(IdempotencyHeaders.KEY)).toList();
    }
}

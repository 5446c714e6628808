package dev.exactlyonce.client.operation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.exactlyonce.client.operation.OperationFixture.ALICE;
import static dev.exactlyonce.client.operation.OperationFixture.bankField;
import static dev.exactlyonce.client.operation.OperationFixture.debit;
import static dev.exactlyonce.client.operation.OperationFixture.debitsPath;
import static dev.exactlyonce.client.operation.OperationFixture.newKey;
import static dev.exactlyonce.client.operation.OperationFixture.settleLeftoversOfEarlierTests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.exactlyonce.client.BankStub;
import dev.exactlyonce.client.ClientIntegrationTest;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every fault the network can produce ends the same way: the same Idempotency-Key field on every attempt (as
 * the bank saw them: the operation's bank key and the acknowledgement fixed with it), the configured number of attempts at most, the configured backoff between them, and an
 * outcome that is definite or honestly in doubt. Attempts, backoff and timeouts come from
 * {@code application-faults.yml}: 4 attempts, 100 ms doubling with ±50 % jitter, 2 s read timeout.
 */
@ClientIntegrationTest
class BankFaultsIntegrationTests {

    private static final int MAX_ATTEMPTS = 4;

    @Autowired
    Operations operations;

    @Autowired
    JdbcClient jdbc;

    private final UUID account = UUID.randomUUID();

    private final UUID bankOperation = UUID.randomUUID();

    /** A reset connection or an empty reply after the bank applied the debit: the reply is lost, not the debit. */
    @ParameterizedTest
    @EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE" })
    void succeedsWithTheSameKeyWhenTheReplyToAnAppliedDebitIsLost(Fault fault) {
        String key = newKey(fault.name());
        script(aResponse().withFault(fault), BankStub.created(bankOperation, account, 1_000, true));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(view.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(view.bankOperationId()).isEqualTo(bankOperation);
        assertThat(view.replayed()).isTrue();
        assertSameKeyOnEveryRequest(key, 2);
        assertThat(view.attempts()).extracting(AttemptView::httpStatus).containsExactly(null, 201);
        assertThat(view.attempts().get(0).error()).isNotBlank();
        assertThat(view.attempts().get(1).replayed()).isTrue();
    }

    @Test
    void retriesAReplySlowerThanTheReadTimeoutWithTheSameKey() {
        String key = newKey("slow");
        script(BankStub.created(bankOperation, account, 1_000, false).withFixedDelay(3_500),
                BankStub.created(bankOperation, account, 1_000, true));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(view.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertSameKeyOnEveryRequest(key, 2);
        assertThat(view.attempts().get(0).error()).containsIgnoringCase("timeout");
        assertThat(view.attempts().get(0).httpStatus()).isNull();
    }

    @Test
    void retries503sWithExponentialBackoffAndJitterUntilTheBankAnswers() {
        String key = newKey("503");
        ResponseDefinitionBuilder unavailable = BankStub.problem(503, "unavailable", "Service Unavailable");
        script(unavailable, unavailable, unavailable, BankStub.created(bankOperation, account, 1_000, false));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(view.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(view.replayed()).isFalse();
        List<LoggedRequest> requests = assertSameKeyOnEveryRequest(key, MAX_ATTEMPTS);
        // 100 ms doubling, each wait randomized by ±50 %: [50, 150], [100, 300], [200, 600] ms.
        assertGapAtLeast(requests, 0, 50);
        assertGapAtLeast(requests, 1, 100);
        assertGapAtLeast(requests, 2, 200);
        assertThat(gap(requests, 0) + gap(requests, 1) + gap(requests, 2)).isLessThan(1_050 + 3_000);
        assertThat(view.attempts()).extracting(AttemptView::httpStatus).containsExactly(503, 503, 503, 201);
    }

    @Test
    void waitsAsLongAsRetryAfterSaysBeforeTheNextAttempt() {
        String key = newKey("retry-after");
        script(BankStub.problem(503, "unavailable", "Service Unavailable").withHeader("Retry-After", "1"),
                BankStub.problem(429, "too-many-requests", "Too Many Requests").withHeader("Retry-After", "1"),
                BankStub.created(bankOperation, account, 1_000, false));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(view.status()).isEqualTo(OperationStatus.SUCCEEDED);
        List<LoggedRequest> requests = assertSameKeyOnEveryRequest(key, 3);
        assertGapAtLeast(requests, 0, 1_000);
        assertGapAtLeast(requests, 1, 1_000);
    }

    @Test
    void retriesA409InProgressUntilTheFirstAttemptHasFinished() {
        String key = newKey("409");
        ResponseDefinitionBuilder inProgress = BankStub.problem(409, "idempotency-key-in-progress",
                "A request with this Idempotency-Key is in progress").withHeader("Retry-After", "0");
        script(inProgress, inProgress, BankStub.created(bankOperation, account, 1_000, true));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(view.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(view.replayed()).isTrue();
        assertSameKeyOnEveryRequest(key, 3);
        assertThat(view.attempts()).extracting(AttemptView::httpStatus).containsExactly(409, 409, 201);
    }

    @Test
    void staysInDoubtAfterTheConfiguredAttemptsAndTheResumerFinishesWithTheSameKey(@Autowired JournalResumer resumer) {
        settleLeftoversOfEarlierTests(jdbc);
        String key = newKey("exhausted");
        ResponseDefinitionBuilder unavailable = BankStub.problem(503, "unavailable", "Service Unavailable");
        script(unavailable, unavailable, unavailable, unavailable, BankStub.created(bankOperation, account, 1_000, true));

        JournalView first = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(first.status()).isEqualTo(OperationStatus.IN_DOUBT);
        assertThat(first.outcomeDetail()).contains("503").contains("same key");
        assertSameKeyOnEveryRequest(key, MAX_ATTEMPTS);

        resumer.resumeDue();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> operations.get(ALICE, first.id()).status() == OperationStatus.SUCCEEDED);
        JournalView resumed = operations.get(ALICE, first.id());
        assertThat(resumed.idempotencyKey()).isEqualTo(key);
        assertThat(resumed.replayed()).isTrue();
        assertSameKeyOnEveryRequest(key, MAX_ATTEMPTS + 1);
        assertThat(resumed.attempts()).extracting(AttemptView::number).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void stopsRetryingWhenRetryAfterReachesBeyondTheWriteBudget() {
        String key = newKey("budget");
        script(BankStub.problem(503, "unavailable", "Service Unavailable").withHeader("Retry-After", "60"),
                BankStub.created(bankOperation, account, 1_000, false));

        long started = System.nanoTime();
        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(view.status()).isEqualTo(OperationStatus.IN_DOUBT);
        assertSameKeyOnEveryRequest(key, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 422 })
    void neverRetriesOtherClientErrorsAndRejects(int status) {
        String key = newKey("4xx-" + status);
        script(BankStub.problem(status, "refused", "Refused"), BankStub.created(bankOperation, account, 1_000, false));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(view.status()).isEqualTo(OperationStatus.REJECTED);
        assertThat(view.problemType()).isEqualTo("https://exactly-once.dev/problems/refused");
        assertThat(view.outcomeDetail()).contains(String.valueOf(status)).contains("Refused");
        assertSameKeyOnEveryRequest(key, 1);
    }

    @Test
    void rejectsOnInsufficientFundsWithTheBanksRecordOfTheRefusal() {
        String key = newKey("insufficient");
        script(aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
                .withBody("""
                        {"type":"https://exactly-once.dev/problems/insufficient-funds","title":"Insufficient funds",
                         "status":422,"detail":"Balance 5 is below 1000","operationId":"%s"}""".formatted(bankOperation)));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(view.status()).isEqualTo(OperationStatus.REJECTED);
        assertThat(view.bankOperationId()).isEqualTo(bankOperation);
        assertThat(view.problemType()).isEqualTo("https://exactly-once.dev/problems/insufficient-funds");
        assertThat(view.outcomeDetail()).contains("Insufficient funds").contains("Balance 5 is below 1000");
    }

    @Test
    void mintsOneKeyPerOperationWhenTheCallerGivesNone() {
        script(BankStub.problem(503, "unavailable", "Service Unavailable"),
                BankStub.created(bankOperation, account, 1_000, true));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, null));

        assertThat(view.idempotencyKey()).isNotBlank();
        assertSameKeyOnEveryRequest(view.idempotencyKey(), 2);
        JournalView other = operations.submit(ALICE, debit(account, 1_000, null));
        assertThat(other.idempotencyKey()).isNotEqualTo(view.idempotencyKey());
    }

    /** The bank answers the account's debits with these replies in order, then repeats the last one. */
    private void script(ResponseDefinitionBuilder... replies) {
        BankStub.script(debitsPath(account), replies);
    }

    /** Every attempt carried the operation's bank key with the acknowledgement fixed when it was minted. */
    private List<LoggedRequest> assertSameKeyOnEveryRequest(String key, int expectedAttempts) {
        List<LoggedRequest> requests = BankStub.requestsTo(debitsPath(account));
        assertThat(requests).hasSize(expectedAttempts);
        String field = bankField(jdbc, ALICE, key);
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.getHeader(IdempotencyHeaders.KEY)).isEqualTo(field);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer alice-local-token");
        });
        return requests;
    }

    private static void assertGapAtLeast(List<LoggedRequest> requests, int index, long millis) {
        assertThat(gap(requests, index)).as("wait before attempt %d", index + 2).isGreaterThanOrEqualTo(millis);
    }

    private static long gap(List<LoggedRequest> requests, int index) {
        return requests.get(index + 1).getLoggedDate().getTime() - requests.get(index).getLoggedDate().getTime();
    }
}

package dev.exactlyonce.client.operation;

import static dev.exactlyonce.client.operation.OperationFixture.ALICE;
import static dev.exactlyonce.client.operation.OperationFixture.debit;
import static dev.exactlyonce.client.operation.OperationFixture.debitsPath;
import static dev.exactlyonce.client.operation.OperationFixture.newKey;
import static dev.exactlyonce.client.operation.OperationFixture.settleLeftoversOfEarlierTests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.exactlyonce.client.BankStub;
import dev.exactlyonce.client.ClientIntegrationTest;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.TestPropertySource;

/** With {@code client.bank.acknowledge=false} the keys stay sequenced but carry no acknowledgement. */
@ClientIntegrationTest
@TestPropertySource(properties = "client.bank.acknowledge=false")
class UnacknowledgedKeysIntegrationTests {

    @Autowired
    Operations operations;

    @Autowired
    JdbcClient jdbc;

    private final UUID account = UUID.randomUUID();

    /**
     * This class has a context of its own, whose start-up resumed whatever earlier classes left in doubt; those
     * rounds must be over, and must not have left the circuit open, before this test sends anything.
     */
    @BeforeEach
    void waitForTheStartUpResumption(@Autowired @Qualifier(JournalConfiguration.BANK_CALLS_EXECUTOR)
            ThreadPoolTaskExecutor bankCalls, @Autowired CircuitBreakerRegistry breakers) {
        settleLeftoversOfEarlierTests(jdbc);
        await().atMost(Duration.ofSeconds(30)).until(() -> bankCalls.getActiveCount() == 0
                && bankCalls.getThreadPoolExecutor().getQueue().isEmpty());
        breakers.circuitBreaker("bank").reset();
    }

    @Test
    void sendsTheBareSequencedKeyOnEveryAttempt() {
        String key = newKey("unacknowledged");
        ResponseDefinitionBuilder unavailable = BankStub.problem(503, "unavailable", "Service Unavailable");
        BankStub.script(debitsPath(account), unavailable, BankStub.created(UUID.randomUUID(), account, 1_000, true));

        JournalView view = operations.submit(ALICE, debit(account, 1_000, key));

        assertThat(view.status()).isEqualTo(OperationStatus.SUCCEEDED);
        String bankKey = jdbc.sql("select bank_key from client_journal.operation where username = :user and "
                + "idempotency_key = :key").param("user", ALICE).param("key", key).query(String.class).single();
        assertThat(bankKey).matches("s[0-9a-f]{32}\\.[1-9][0-9]*");
        assertThat(BankStub.requestsTo(debitsPath(account))).hasSize(2)
                .allSatisfy(request -> assertThat(request.getHeader(IdempotencyHeaders.KEY)).isEqualTo(bankKey));
    }
}

package dev.exactlyonce.client.operation;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.exactlyonce.client.operation.OperationFixture.ALICE;
import static dev.exactlyonce.client.operation.OperationFixture.debit;
import static dev.exactlyonce.client.operation.OperationFixture.debitsPath;
import static dev.exactlyonce.client.operation.OperationFixture.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.exactlyonce.client.BankStub;
import dev.exactlyonce.client.ClientIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The circuit breaker as {@code application-faults.yml} configures it: open after five unreachable
 * attempts in a row, half-open one second later, closed again after two good calls.
 */
@ClientIntegrationTest
class CircuitBreakerIntegrationTests {

    @Autowired
    Operations operations;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    private CircuitBreaker circuit;

    @BeforeEach
    void findCircuit() {
        circuit = circuitBreakers.circuitBreaker("bank");
    }

    @Test
    void opensOnSustainedFailureAnswersBankUnavailableThenHalfOpensAndCloses() throws Exception {
        UUID down = accountAnswering(503);
        UUID stillDown = accountAnswering(503);

        JournalView first = operations.submit(ALICE, debit(down, 1_000, newKey("cb-1")));
        assertThat(BankStub.requestsTo(debitsPath(down))).hasSize(4);
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        JournalView second = operations.submit(ALICE, debit(stillDown, 1_000, newKey("cb-2")));
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(BankStub.requestsTo(debitsPath(stillDown))).as("the fifth failure opens the circuit").hasSize(1);
        assertThat(first.status()).isEqualTo(OperationStatus.IN_DOUBT);
        assertThat(second.status()).isEqualTo(OperationStatus.IN_DOUBT);
        assertThat(second.outcomeDetail()).startsWith("Bank unavailable");
        assertThat(second.problemType()).isEqualTo("https://exactly-once.dev/problems/client/bank-unavailable");

        UUID healthy = accountAnswering(201);
        JournalView whileOpen = operations.submit(ALICE, debit(healthy, 1_000, newKey("cb-3")));
        assertThat(whileOpen.status()).isEqualTo(OperationStatus.IN_DOUBT);
        assertThat(whileOpen.outcomeDetail()).startsWith("Bank unavailable");
        assertThat(whileOpen.attempts()).isEmpty();
        assertThat(BankStub.requestsTo(debitsPath(healthy))).as("nothing is sent while open").isEmpty();

        Thread.sleep(1_100);

        JournalView probe = operations.submit(ALICE, debit(healthy, 1_000, newKey("cb-4")));
        assertThat(probe.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        JournalView secondProbe = operations.submit(ALICE, debit(healthy, 1_000, newKey("cb-5")));
        assertThat(secondProbe.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void reopensWhenTheHalfOpenProbeFails() throws Exception {
        UUID down = accountAnswering(503);
        operations.submit(ALICE, debit(down, 1_000, newKey("reopen-1")));
        operations.submit(ALICE, debit(down, 1_000, newKey("reopen-2")));
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        Thread.sleep(1_100);
        operations.submit(ALICE, debit(down, 1_000, newKey("reopen-3")));
        operations.submit(ALICE, debit(down, 1_000, newKey("reopen-4")));

        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void busyAndDefiniteAnswersDoNotCountAgainstTheBank() {
        for (int i = 0; i < 3; i++) {
            operations.submit(ALICE, debit(accountAnswering(409), 1_000, newKey("busy")));
            operations.submit(ALICE, debit(accountAnswering(422), 1_000, newKey("refused")));
        }

        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    private static UUID accountAnswering(int status) {
        UUID account = UUID.randomUUID();
        BankStub.server().stubFor(post(urlPathEqualTo(debitsPath(account))).willReturn(status == 201
                ? BankStub.created(UUID.randomUUID(), account, 1_000, false)
                : BankStub.problem(status, "scripted-" + status, "Scripted " + status)));
        return account;
    }
}

package dev.exactlyonce.idempotency.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.exactlyonce.idempotency.IdempotencyProcessor;
import dev.exactlyonce.idempotency.testapp.HandlerCalls;
import dev.exactlyonce.idempotency.testapp.TestApplication;
import dev.exactlyonce.localinfra.RealServersInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.ContextConfiguration;

import static dev.exactlyonce.idempotency.web.Http.newKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter with a lease of 30 s, long enough that a hint taken from the lease could not pass for one
 * taken from how long executions really take, and a real Redis that can be flushed under a running
 * request.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "exactlyonce.idempotency.lease=30s")
@ContextConfiguration(initializers = RealServersInitializer.class)
@ExtendWith(OutputCaptureExtension.class)
class IdempotencyFilterLongLeaseIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    HandlerCalls calls;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RedisConnectionFactory connections;

    @Autowired
    IdempotencyProcessor processor;

    final Http http = new Http(() -> port);

    private double executions(String result) {
        return meters.get("idempotency.executions").tag("result", result).counter().count();
    }

    /** Starts a slow request that runs until {@link HandlerCalls#open()}, and waits until it does. */
    private CompletableFuture<Http.Reply> startSlow(String key) throws InterruptedException {
        calls.close();
        CompletableFuture<Http.Reply> first = CompletableFuture.supplyAsync(() -> http.post("alice", "/slow", key, "{}"));
        assertThat(calls.awaitEntered()).isTrue();
        return first;
    }

    @Test
    void conflictDuringAShortExecutionSaysRetryAfterOneSecondNotTheLease() throws Exception {
        // Short executions, enough of them that a slow one measured earlier in this class (or a request
        // that a loaded machine stalled for a second) is forgotten.
        for (int i = 0; i < 20 || (processor.executionEstimate().compareTo(Duration.ofMillis(900)) > 0 && i < 400); i++) {
            assertThat(http.post("alice", "/orders", newKey(), "{}").status()).isEqualTo(201);
        }
        String key = newKey();
        CompletableFuture<Http.Reply> first = startSlow(key);
        try {
            Http.Reply second = http.post("alice", "/slow", key, "{}");

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.header("Retry-After")).isEqualTo("1");
        } finally {
            calls.open();
        }
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void conflictHintGrowsAfterASlowExecutionButStaysWithinTheLease() throws Exception {
        CompletableFuture<Http.Reply> slow = startSlow(newKey());
        Thread.sleep(2500);
        calls.open();
        assertThat(slow.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

        String key = newKey();
        CompletableFuture<Http.Reply> first = startSlow(key);
        try {
            Http.Reply second = http.post("alice", "/slow", key, "{}");

            assertThat(second.status()).isEqualTo(409);
            assertThat(Long.parseLong(second.header("Retry-After"))).isBetween(3L, 30L);
        } finally {
            calls.open();
        }
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void recordFlushedDuringAnExecutionIsReportedAsVanishedNotTakenOverAndItsAnswerReplays(CapturedOutput output)
            throws Exception {
        String key = newKey();
        double vanished = executions("vanished");
        double takenOver = executions("taken_over");
        int before = calls.count("slow");
        CompletableFuture<Http.Reply> first = startSlow(key);
        try (RedisConnection connection = connections.getConnection()) {
            connection.serverCommands().flushAll();
        } finally {
            calls.open();
        }
        Http.Reply answered = first.get(30, TimeUnit.SECONDS);

        assertThat(answered.status()).isEqualTo(200);
        assertThat(executions("vanished")).isEqualTo(vanished + 1);
        assertThat(executions("taken_over")).isEqualTo(takenOver);
        assertThat(output.getOut()).contains("vanished while its first execution ran")
                .doesNotContain("was taken over while its first execution ran");
        Http.Reply retry = http.post("alice", "/slow", key, "{}");
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.bytes()).isEqualTo(answered.bytes());
        assertThat(calls.count("slow")).isEqualTo(before + 1);
    }
}

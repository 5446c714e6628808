package dev.exactlyonce.idempotency.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.exactlyonce.idempotency.Decision;
import dev.exactlyonce.idempotency.Execution;
import dev.exactlyonce.idempotency.IdempotencyPolicy;
import dev.exactlyonce.idempotency.IdempotencyProcessor;
import dev.exactlyonce.idempotency.LeaseHeartbeat;
import dev.exactlyonce.idempotency.Ownership;
import dev.exactlyonce.idempotency.RecordId;
import dev.exactlyonce.idempotency.metrics.MicrometerIdempotencyObserver;
import dev.exactlyonce.localinfra.RealServers;
import dev.exactlyonce.localinfra.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static dev.exactlyonce.idempotency.IdempotencyFixture.created;
import static dev.exactlyonce.idempotency.IdempotencyFixture.debit;
import static dev.exactlyonce.idempotency.IdempotencyFixture.execute;
import static dev.exactlyonce.idempotency.IdempotencyFixture.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Executions end to end against a real Redis, with Micrometer metrics and the log: a record flushed
 * away under a running execution and one taken over after its lease lapsed are told apart, and the
 * 409 hint counts the time a completion waited in the completion window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ExecutionOnRedisIntegrationTests {

    private static final Duration LEASE = Duration.ofMillis(600);
    private static final Duration RETENTION = Duration.ofMinutes(5);

    private LettuceConnectionFactory connections;
    private RedisIdempotencyStore store;
    private MeterRegistry meters;
    private LeaseHeartbeat heartbeat;

    @BeforeAll
    void startClient() {
        RedisServer server = RealServers.shared().redis();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(server.host(), server.port()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
        connections.afterPropertiesSet();
        connections.start();
        store = new RedisIdempotencyStore(connections, "test-exec:");
    }

    @BeforeEach
    void freshMeters() {
        meters = new SimpleMeterRegistry();
    }

    @AfterEach
    void stopHeartbeat() {
        if (heartbeat != null) {
            heartbeat.close();
        }
    }

    @AfterAll
    void stopClient() {
        connections.destroy();
    }

    /** A processor whose heartbeat looks for due renewals (every 50 ms) once per {@code tick}. */
    private IdempotencyProcessor processor(RedisIdempotencyStore on, Duration tick) {
        heartbeat = new LeaseHeartbeat(1, tick);
        return new IdempotencyProcessor(on, new IdempotencyPolicy(LEASE, Duration.ofMillis(50), RETENTION,
                Duration.ZERO, Duration.ofMillis(10)), heartbeat, new MicrometerIdempotencyObserver(meters));
    }

    private double executions(String result) {
        return meters.get("idempotency.executions").tag("result", result).counter().count();
    }

    private double renewals(String result) {
        return meters.get("idempotency.lease.renewals").tag("result", result).counter().count();
    }

    private double requests(String outcome) {
        return meters.get("idempotency.requests").tag("outcome", outcome).counter().count();
    }

    private void flushAll() {
        try (RedisConnection connection = connections.getConnection()) {
            connection.serverCommands().flushAll();
        }
    }

    @Test
    void flushAllDuringAnExecutionIsReportedAsVanishedNotAsATakeover(CapturedOutput output) {
        IdempotencyProcessor processor = processor(store, Duration.ofMillis(10));
        RecordId id = newId();
        Execution running = execute(processor.begin(id, debit(10)));

        flushAll();
        await().atMost(5, TimeUnit.SECONDS).until(() -> renewals("vanished") >= 1);
        Ownership found = running.complete(created("{\"op\":1}"));

        assertThat(found).isEqualTo(Ownership.VANISHED);
        assertThat(renewals("lost")).isZero();
        assertThat(executions("vanished")).isEqualTo(1);
        assertThat(executions("taken_over")).isZero();
        assertThat(output.getOut()).contains("Record of " + id + " vanished while its first execution ran")
                .contains("Idempotency record " + id + " vanished while its first execution ran")
                .doesNotContain("taken over");
        assertThat(processor.begin(id, debit(10))).isEqualTo(new Decision.Replay(created("{\"op\":1}")));
    }

    @Test
    void aRealTakeoverIsReportedAsATakeoverNotAsVanished(CapturedOutput output) {
        // The heartbeat looks for due renewals only once an hour: the holder is as good as paused.
        IdempotencyProcessor paused = processor(store, Duration.ofHours(1));
        RecordId id = newId();
        Execution late = execute(paused.begin(id, debit(10)));
        await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                .until(() -> paused.begin(id, debit(10)) instanceof Decision.Execute takeover
                        && takeover.execution().takeover());

        Ownership found = late.complete(created("{\"late\":true}"));

        assertThat(found).isEqualTo(Ownership.TAKEN_OVER);
        assertThat(requests("takeover")).isEqualTo(1);
        assertThat(executions("taken_over")).isEqualTo(1);
        assertThat(executions("vanished")).isZero();
        assertThat(output.getOut()).contains("Idempotency record " + id + " was taken over while its first execution ran")
                .doesNotContain("vanished");
    }

    @Test
    void heldCompletionCountsTowardsTheConflictHintUntilItIsWritten() throws Exception {
        try (RedisIdempotencyStore windowed = new RedisIdempotencyStore(connections, "test-exec:",
                Duration.ofMillis(1500))) {
            IdempotencyProcessor processor = processor(windowed, Duration.ofMillis(10));
            Execution quick = execute(processor.begin(newId(), debit(10)));

            // Nothing else claims through this store, so only the window's timer writes the completion.
            assertThat(quick.completeAsync(created("{}")).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo(Ownership.OWNED);

            assertThat(processor.executionEstimate()).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        }
    }
}

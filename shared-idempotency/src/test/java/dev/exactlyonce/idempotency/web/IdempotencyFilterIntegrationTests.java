package dev.exactlyonce.idempotency.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.IdempotencyStore;
import dev.exactlyonce.idempotency.OwnerToken;
import dev.exactlyonce.idempotency.RecordId;
import dev.exactlyonce.idempotency.RequestFingerprint;
import dev.exactlyonce.idempotency.SequencedKey;
import dev.exactlyonce.idempotency.redis.RedisTopology;
import dev.exactlyonce.idempotency.testapp.HandlerCalls;
import dev.exactlyonce.idempotency.testapp.TestApplication;
import dev.exactlyonce.localinfra.RealServersInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.ContextConfiguration;

import static dev.exactlyonce.idempotency.web.Http.newKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The filter in a real Spring MVC application, with Spring Security in front and a real Redis behind. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealServersInitializer.class)
class IdempotencyFilterIntegrationTests {

    private static final String PROBLEMS = "https://exactly-once.dev/problems/";

    @LocalServerPort
    int port;

    final Http http = new Http(() -> port);

    @Autowired
    HandlerCalls calls;

    @Autowired
    IdempotencyStore store;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RedisConnectionFactory redisConnections;

    /** The Redis the application runs on; subclasses run every test again on a Redis Cluster. */
    RedisTopology topology() {
        return RedisTopology.STANDALONE;
    }

    private double requests(String outcome) {
        return meters.get("idempotency.requests").tag("outcome", outcome).counter().count();
    }

    @Test
    void runsOnTheRedisOfItsTopology() {
        try (RedisConnection connection = redisConnections.getConnection()) {
            assertThat(connection instanceof RedisClusterConnection).isEqualTo(topology() == RedisTopology.CLUSTER);
        }
    }

    @Test
    void replaysStoredResponseForSameKey() {
        String key = newKey();
        int before = calls.count("orders");

        Http.Reply first = http.post("alice", "/orders", key, "{\"amount\":10}");
        Http.Reply retry = http.post("alice", "/orders", key, "{\"amount\":10}");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.replayed()).isFalse();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.bytes()).isEqualTo(first.bytes());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(calls.count("orders")).isEqualTo(before + 1);
    }

    @Test
    void neverReplaysCookiesOrUnlistedHeaders() {
        String key = newKey();

        Http.Reply first = http.post("alice", "/orders", key, "{}");
        Http.Reply retry = http.post("alice", "/orders", key, "{}");

        assertThat(first.header("Set-Cookie")).startsWith("session=");
        assertThat(first.header("X-Trace")).isNotNull();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.header("Set-Cookie")).isNull();
        assertThat(retry.header("X-Trace")).isNull();
    }

    @Test
    void handsTheKeyAndScopeToTheApplication() {
        String key = newKey();

        Http.Reply reply = http.post("bob", "/orders", key, "{}");

        assertThat(reply.json().get("key").asString()).isEqualTo(key);
        assertThat(reply.json().get("scope").asString()).isEqualTo("bob");
    }

    @Test
    void discardsAcknowledgedRepliesAndRefusesTheirKeysWithoutRunningOrStoring() {
        String session = "filter" + UUID.randomUUID().toString().replace("-", "");
        int before = calls.count("orders");
        double refused = requests("below_watermark");
        double discarded = meters.get("idempotency.acknowledgement.discarded").counter().count();

        Http.Reply first = http.post("alice", "/orders", new SequencedKey(session, 1).field(0), "{}");
        Http.Reply firstAgain = http.post("alice", "/orders", new SequencedKey(session, 1).field(1), "{}");
        Http.Reply second = http.post("alice", "/orders", new SequencedKey(session, 2).field(2), "{}");
        Http.Reply firstAfterAcknowledgement = http.post("alice", "/orders", new SequencedKey(session, 1).field(0), "{}");
        Http.Reply otherBodyAfterAcknowledgement = http.post("alice", "/orders", new SequencedKey(session, 1).field(2),
                "{\"other\":true}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("key").asString()).isEqualTo(session + ".1");
        assertThat(firstAgain.replayed()).as("an unacknowledged key still replays").isTrue();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("acknowledged").asLong()).isEqualTo(2);
        assertThat(firstAfterAcknowledgement.status()).isEqualTo(410);
        assertThat(firstAfterAcknowledgement.problemType()).isEqualTo(PROBLEMS + "idempotency-key-acknowledged");
        assertThat(firstAfterAcknowledgement.json().get("detail").asString()).contains("below sequence 2");
        assertThat(otherBodyAfterAcknowledgement.status()).isEqualTo(410);
        assertThat(calls.count("orders")).isEqualTo(before + 2);
        assertThat(requests("below_watermark")).isEqualTo(refused + 2);
        assertThat(meters.get("idempotency.acknowledgement.discarded").counter().count()).isEqualTo(discarded + 1);
    }

    @Test
    void scopesKeysToThePrincipal() {
        String key = newKey();
        int before = calls.count("orders");

        Http.Reply alice = http.post("alice", "/orders", key, "{\"who\":\"alice\"}");
        Http.Reply bob = http.post("bob", "/orders", key, "{\"who\":\"bob\"}");

        assertThat(alice.status()).isEqualTo(201);
        assertThat(bob.status()).isEqualTo(201);
        assertThat(bob.replayed()).isFalse();
        assertThat(bob.body()).doesNotContain("alice");
        assertThat(calls.count("orders")).isEqualTo(before + 2);
    }

    @Test
    void executesOnceUnderConcurrentRequestsWithSameKey() throws Exception {
        String key = newKey();
        int before = calls.count("orders");
        int clients = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Http.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return http.send(http.request("alice", "/orders", key).header("X-Delay-Millis", "300")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"amount\":5}")));
                }));
            }
            start.countDown();
            List<Http.Reply> replies = new ArrayList<>();
            for (Future<Http.Reply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            List<Http.Reply> executed = replies.stream().filter(r -> r.status() == 201 && !r.replayed()).toList();
            assertThat(executed).hasSize(1);
            for (Http.Reply reply : replies) {
                if (reply.status() == 409) {
                    assertThat(reply.header("Retry-After")).isNotNull();
                    assertThat(reply.problemType()).isEqualTo(PROBLEMS + "idempotency-key-in-use");
                } else {
                    assertThat(reply.status()).isEqualTo(201);
                    assertThat(reply.bytes()).isEqualTo(executed.get(0).bytes());
                }
            }
            assertThat(calls.count("orders")).isEqualTo(before + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answersConflictWithRetryAfterWhileFirstRequestRuns() throws Exception {
        String key = newKey();
        calls.close();
        CompletableFuture<Http.Reply> first = CompletableFuture.supplyAsync(() -> http.post("alice", "/slow", key, "{}"));
        try {
            assertThat(calls.awaitEntered()).isTrue();

            Http.Reply second = http.post("alice", "/slow", key, "{}");

            assertThat(second.status()).isEqualTo(409);
            // The hint never outlasts the holder's lease (1 s here) and is rounded up to whole seconds, never 0.
            assertThat(second.header("Retry-After")).isEqualTo("1");
            assertThat(second.header("Content-Type")).startsWith("application/problem+json");
            assertThat(second.json().get("title").asString()).isEqualTo("Request with this Idempotency-Key still in progress");
        } finally {
            calls.open();
        }
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(http.post("alice", "/slow", key, "{}").replayed()).isTrue();
    }

    @Test
    void heartbeatKeepsKeyWhileHandlerRunsLongerThanTheLease() throws Exception {
        String key = newKey();
        calls.close();
        CompletableFuture<Http.Reply> first = CompletableFuture.supplyAsync(() -> http.post("alice", "/slow", key, "{}"));
        try {
            assertThat(calls.awaitEntered()).isTrue();
            Thread.sleep(2500);

            assertThat(http.post("alice", "/slow", key, "{}").status()).isEqualTo(409);
        } finally {
            calls.open();
        }
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(meters.get("idempotency.lease.renewals").tag("result", "renewed").counter().count()).isPositive();
    }

    @Test
    void takesOverKeyAfterTheHolderDiedAndItsLeaseLapsed() {
        String key = newKey();
        String body = "{\"amount\":7}";
        // An instance claimed the key and died: nobody renews, completes or releases its claim. Its lease is long
        // enough that the first request below still finds it running on a loaded machine.
        store.claim(new RecordId("alice", new IdempotencyKey(key)),
                RequestFingerprint.of("POST", "/orders", body.getBytes(StandardCharsets.UTF_8)), OwnerToken.next(),
                Duration.ofSeconds(3), Duration.ofMinutes(5));
        int before = calls.count("orders");
        double takeovers = requests("takeover");

        assertThat(http.post("alice", "/orders", key, body).status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.post("alice", "/orders", key, body).status() == 201);

        assertThat(calls.count("orders")).isEqualTo(before + 1);
        assertThat(requests("takeover")).isEqualTo(takeovers + 1);
        assertThat(http.post("alice", "/orders", key, body).replayed()).isTrue();
    }

    @Test
    void rejectsKeyReusedWithDifferentBody() {
        String key = newKey();
        http.post("alice", "/orders", key, "{\"amount\":10}");

        Http.Reply reused = http.post("alice", "/orders", key, "{\"amount\":11}");

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.problemType()).isEqualTo(PROBLEMS + "idempotency-key-reused");
    }

    @Test
    void rejectsKeyReusedOnAnotherEndpoint() {
        String key = newKey();
        http.post("alice", "/orders", key, "{}");

        assertThat(http.post("alice", "/annotated", key, "{}").status()).isEqualTo(422);
    }

    @Test
    void rejectsMissingKeyWithProblem() {
        int before = calls.count("orders");
        double rejected = requests("rejected");

        Http.Reply reply = http.post("alice", "/orders", null, "{}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.problemType()).isEqualTo(PROBLEMS + "idempotency-key-missing");
        assertThat(reply.json().get("status").asInt()).isEqualTo(400);
        assertThat(reply.json().get("detail").asString()).contains("Idempotency-Key");
        assertThat(calls.count("orders")).isEqualTo(before);
        assertThat(requests("rejected")).isEqualTo(rejected + 1);
    }

    @Test
    void rejectsMalformedKeys() {
        Http.Reply tooLong = http.post("alice", "/orders", "k".repeat(256), "{}");
        Http.Reply inner = http.post("alice", "/orders", "a b", "{}");
        Http.Reply twice = http.send(http.request("alice", "/orders", newKey()).header("Idempotency-Key", newKey())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.problemType()).isEqualTo(PROBLEMS + "idempotency-key-invalid");
        assertThat(tooLong.json().get("detail").asString()).contains("256");
        assertThat(inner.status()).isEqualTo(400);
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("detail").asString()).contains("more than one");
    }

    @Test
    void refusesBodiesOverTheLimitWithOrWithoutContentLength() {
        int before = calls.count("orders");
        String large = "{\"pad\":\"" + "x".repeat(3000) + "\"}";

        Http.Reply declared = http.post("alice", "/orders", newKey(), large);
        Http.Reply chunked = http.postChunked("alice", "/orders", newKey(), large.getBytes(StandardCharsets.UTF_8));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.problemType()).isEqualTo(PROBLEMS + "request-too-large");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(calls.count("orders")).isEqualTo(before);
    }

    @Test
    void acceptsChunkedBodyWithinTheLimitAndPassesItOn() {
        Http.Reply reply = http.postChunked("alice", "/orders", newKey(), "{\"amount\":3}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("echo").get("amount").asInt()).isEqualTo(3);
    }

    private double executions(String result) {
        return meters.get("idempotency.executions").tag("result", result).counter().count();
    }

    private static String answer(int status) {
        return "{\"status\":" + status + "}";
    }

    @Test
    void correctedRequestAfterA400RunsUnderTheSameKey() {
        String key = newKey();
        int before = calls.count("answer");
        double refused = executions("refused");
        double executed = requests("executed");

        Http.Reply invalid = http.post("alice", "/answer", key, answer(400));
        Http.Reply corrected = http.post("alice", "/answer", key, answer(201));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(corrected.replayed()).isFalse();
        assertThat(calls.count("answer")).isEqualTo(before + 2);
        assertThat(executions("refused")).isEqualTo(refused + 1);
        assertThat(requests("executed")).isEqualTo(executed + 2);
        assertThat(http.post("alice", "/answer", key, answer(201)).replayed()).isTrue();
    }

    @Test
    void doesNotStoreAnyRefusalBeforeTheOperationStarted() {
        for (int status : IdempotencyFilter.DEFAULT_UNSTORED_STATUSES) {
            String key = newKey();
            int before = calls.count("answer");

            Http.Reply first = http.post("alice", "/answer", key, answer(status));
            Http.Reply retry = http.post("alice", "/answer", key, answer(status));

            assertThat(first.status()).as("first answer").isEqualTo(status);
            assertThat(retry.status()).as("retry of %d", status).isEqualTo(status);
            assertThat(retry.replayed()).as("retry of %d replayed", status).isFalse();
            assertThat(calls.count("answer")).as("runs after %d", status).isEqualTo(before + 2);
        }
    }

    @Test
    void storesAndReplaysBusinessOutcomes() {
        for (int status : new int[] { 409, 422 }) {
            String key = newKey();
            int before = calls.count("answer");
            double stored = executions("stored");

            Http.Reply first = http.post("alice", "/answer", key, answer(status));
            Http.Reply retry = http.post("alice", "/answer", key, answer(status));

            assertThat(first.status()).isEqualTo(status);
            assertThat(retry.status()).isEqualTo(status);
            assertThat(retry.replayed()).as("retry of %d replayed", status).isTrue();
            assertThat(retry.bytes()).isEqualTo(first.bytes());
            assertThat(calls.count("answer")).isEqualTo(before + 1);
            assertThat(executions("stored")).isEqualTo(stored + 1);
        }
    }

    @Test
    void releasesKeyWhenHandlerAnswers5xx() {
        String key = newKey();
        int before = calls.count("fail");

        assertThat(http.post("alice", "/fail", key, "{}").status()).isEqualTo(503);
        Http.Reply retry = http.post("alice", "/fail", key, "{}");

        assertThat(retry.status()).isEqualTo(503);
        assertThat(retry.replayed()).isFalse();
        assertThat(calls.count("fail")).isEqualTo(before + 2);
    }

    @Test
    void releasesKeyWhenHandlerThrows() {
        String key = newKey();
        int before = calls.count("throw");

        assertThat(http.post("alice", "/throw", key, "{}").status()).isEqualTo(500);
        http.post("alice", "/throw", key, "{}");

        assertThat(calls.count("throw")).isEqualTo(before + 2);
    }

    @Test
    void sendsButDoesNotStoreResponseOverTheCap() {
        String key = newKey();
        int before = calls.count("big");

        Http.Reply first = http.post("alice", "/big", key, "{}");
        Http.Reply retry = http.post("alice", "/big", key, "{}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).hasSize(("big-" + (before + 1) + "-").length() * 1000);
        assertThat(retry.replayed()).isFalse();
        assertThat(calls.count("big")).isEqualTo(before + 2);
    }

    @Test
    void storesAndReplaysAsyncHandlerResponse() {
        String key = newKey();

        Http.Reply first = http.post("alice", "/async", key, "{}");
        Http.Reply retry = http.post("alice", "/async", key, "{}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).startsWith("async-");
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.bytes()).isEqualTo(first.bytes());
    }

    @Test
    void appliesToAnnotatedHandlerMethods() {
        String key = newKey();

        Http.Reply missing = http.post("alice", "/annotated", null, "{}");
        Http.Reply first = http.post("alice", "/annotated", key, "{}");
        Http.Reply retry = http.post("alice", "/annotated", key, "{}");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void leavesOtherEndpointsAlone() {
        Http.Reply reply = http.post("alice", "/plain", null, "{}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.replayed()).isFalse();
    }

    @Test
    void refusesAnonymousRequestsOnIdempotentEndpoints() {
        int before = calls.count("anonymous");

        Http.Reply reply = http.post(null, "/anonymous/orders", newKey(), "{}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.problemType()).isEqualTo(PROBLEMS + "idempotency-principal-required");
        assertThat(calls.count("anonymous")).isEqualTo(before);
    }

    @Test
    void failsClosedWhileRedisIsDown() {
        RedisTopology redis = topology();
        int before = calls.count("orders");
        double storeErrors = requests("store_error");
        redis.stop();
        try {
            Http.Reply reply = http.post("alice", "/orders", newKey(), "{}");

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
            assertThat(reply.problemType()).isEqualTo(PROBLEMS + "idempotency-store-unavailable");
            assertThat(calls.count("orders")).isEqualTo(before);
            assertThat(requests("store_error")).isEqualTo(storeErrors + 1);
        } finally {
            redis.start();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.post("alice", "/orders", newKey(), "{}").status() == 201);
    }

    @Test
    void timesStoreCalls() {
        http.post("alice", "/orders", newKey(), "{}");

        assertThat(meters.get("idempotency.store.calls").tag("operation", "claim").tag("result", "success").timer()
                .count()).isPositive();
        assertThat(meters.get("idempotency.record.size").summary().count()).isPositive();
    }
}

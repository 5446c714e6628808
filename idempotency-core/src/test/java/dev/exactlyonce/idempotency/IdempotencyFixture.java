package dev.exactlyonce.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys, requests and responses for tests of the processor and of every store; the starter's tests use
 * them from this module's test-jar.
 */
public final class IdempotencyFixture {

    private IdempotencyFixture() {
    }

    /** A key no test has used, for client {@code alice}. */
    public static RecordId newId() {
        return newId("alice");
    }

    /** A key no test has used, for the client {@code scope}. */
    public static RecordId newId(String scope) {
        return new RecordId(scope, new IdempotencyKey(UUID.randomUUID().toString()));
    }

    /** A debit of {@code amount} from account 7. */
    public static RequestFingerprint debit(long amount) {
        return fingerprint("{\"amount\":" + amount + "}");
    }

    /** A POST to account 7's debits with {@code body}. */
    public static RequestFingerprint fingerprint(String body) {
        return RequestFingerprint.of("POST", "/api/v1/accounts/7/debits", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A 201 with a JSON {@code body} and its {@code Location}. */
    public static StoredResponse created(String body) {
        return new StoredResponse(201, List.of(new StoredResponse.Header("Content-Type", "application/json"),
                new StoredResponse.Header("Location", "/api/v1/operations/42")), body.getBytes(StandardCharsets.UTF_8));
    }

    /** The execution {@code decision} hands over, failing the test if the processor decided otherwise. */
    public static Execution execute(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Execute.class);
        return ((Decision.Execute) decision).execution();
    }

    /**
     * Runs {@code work} on {@code threads} threads at once, each given its number, all released together so that
     * they overlap; returns when all have ended, rethrowing the first failure.
     */
    public static void concurrently(int threads, ThreadWork work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    work.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What one of {@link #concurrently}'s threads does. */
    @FunctionalInterface
    public interface ThreadWork {

        void run(int thread) throws Exception;
    }
}

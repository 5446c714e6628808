package dev.exactlyonce.idempotency.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import dev.exactlyonce.idempotency.ClaimResult;
import dev.exactlyonce.idempotency.IdempotencyStore;
import dev.exactlyonce.idempotency.Ownership;
import dev.exactlyonce.idempotency.OwnerToken;
import dev.exactlyonce.idempotency.RecordId;
import dev.exactlyonce.idempotency.RequestFingerprint;
import dev.exactlyonce.idempotency.StoredResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every store call as {@code idempotency.store.calls}, tagged with the transition
 * ({@code claim}, {@code renew}, {@code complete}, {@code release}) and whether it succeeded.
 */
public final class TimedIdempotencyStore implements IdempotencyStore {

    private static final List<String> OPERATIONS = List.of("claim", "renew", "complete", "release");

    private final IdempotencyStore store;
    private final MeterRegistry registry;
    private final Map<String, Timer> succeeded = new HashMap<>();
    private final Map<String, Timer> failed = new HashMap<>();

    public TimedIdempotencyStore(IdempotencyStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
        for (String operation : OPERATIONS) {
            succeeded.put(operation, timer(operation, "success"));
            failed.put(operation, timer(operation, "error"));
        }
    }

    @Override
    public ClaimResult claim(RecordId id, RequestFingerprint fingerprint, OwnerToken owner, Duration lease,
            Duration retention, long acknowledged) {
        return timed("claim", () -> store.claim(id, fingerprint, owner, lease, retention, acknowledged));
    }

    @Override
    public Ownership renew(RecordId id, OwnerToken owner, Duration lease) {
        return timed("renew", () -> store.renew(id, owner, lease));
    }

    @Override
    public Ownership complete(RecordId id, OwnerToken owner, RequestFingerprint fingerprint, StoredResponse response,
            Duration retention) {
        return timed("complete", () -> store.complete(id, owner, fingerprint, response, retention));
    }

    /** Timed until the store has answered, so a held-back write counts the time it waited. */
    @Override
    public CompletionStage<Ownership> completeAsync(RecordId id, OwnerToken owner, RequestFingerprint fingerprint,
            StoredResponse response, Duration retention) {
        Timer.Sample sample = Timer.start(registry);
        CompletionStage<Ownership> stored;
        try {
            stored = store.completeAsync(id, owner, fingerprint, response, retention);
        } catch (RuntimeException ex) {
            sample.stop(failed.get("complete"));
            throw ex;
        }
        return stored.whenComplete((result, failure) -> sample.stop((failure == null ? succeeded : failed).get("complete")));
    }

    @Override
    public Ownership release(RecordId id, OwnerToken owner) {
        return timed("release", () -> store.release(id, owner));
    }

    /** The store being timed. */
    public IdempotencyStore delegate() {
        return store;
    }

    private <T> T timed(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        boolean success = false;
        try {
            T value = call.get();
            success = true;
            return value;
        } finally {
            sample.stop((success ? succeeded : failed).get(operation));
        }
    }

    private Timer timer(String operation, String result) {
        return Timer.builder("idempotency.store.calls")
                .description("Calls to the idempotency store")
                .tag("operation", operation)
                .tag("result", result)
                .register(registry);
    }
}

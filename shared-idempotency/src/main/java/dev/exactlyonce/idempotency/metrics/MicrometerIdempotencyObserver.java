package dev.exactlyonce.idempotency.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import dev.exactlyonce.idempotency.IdempotencyObserver;
import dev.exactlyonce.idempotency.RecordId;
import dev.exactlyonce.idempotency.RequestOutcome;
import dev.exactlyonce.idempotency.SequencedKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts requests by outcome ({@code idempotency.requests}), how executions ended
 * ({@code idempotency.executions}), lease renewals by result ({@code idempotency.lease.renewals}) and
 * records the size of stored responses
 * ({@code idempotency.record.size}, bytes), and for sequenced keys the records their acknowledgements discarded
 * ({@code idempotency.acknowledgement.discarded}) and how far a request's sequence is above its session's
 * watermark ({@code idempotency.acknowledgement.lag}: the operations the client still has in flight). Every counter exists from the start, at zero, so dashboards
 * and alerts need no special case for "never happened".
 */
public final class MicrometerIdempotencyObserver implements IdempotencyObserver {

    private final Map<RequestOutcome, Counter> requests = new EnumMap<>(RequestOutcome.class);
    private final Map<Renewal, Counter> renewals = new EnumMap<>(Renewal.class);
    private final Map<Ending, Counter> endings = new EnumMap<>(Ending.class);
    private final DistributionSummary recordSize;
    private final Counter discarded;
    private final DistributionSummary acknowledgementLag;

    public MicrometerIdempotencyObserver(MeterRegistry registry) {
        for (RequestOutcome outcome : RequestOutcome.values()) {
            requests.put(outcome, Counter.builder("idempotency.requests")
                    .description("Requests under the Idempotency-Key protocol, by how they were answered")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
        for (Renewal renewal : Renewal.values()) {
            renewals.put(renewal, Counter.builder("idempotency.lease.renewals")
                    .description("Heartbeat renewals of the leases of running requests")
                    .tag("result", renewal.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        for (Ending ending : Ending.values()) {
            endings.put(ending, Counter.builder("idempotency.executions")
                    .description("Executions of requests under the Idempotency-Key protocol, by how they ended")
                    .tag("result", ending.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        this.recordSize = DistributionSummary.builder("idempotency.record.size")
                .description("Size of stored response snapshots")
                .baseUnit("bytes")
                .register(registry);
        this.discarded = Counter.builder("idempotency.acknowledgement.discarded")
                .description("Records deleted because their client acknowledged the reply")
                .register(registry);
        this.acknowledgementLag = DistributionSummary.builder("idempotency.acknowledgement.lag")
                .description("A sequenced key's distance above its session's watermark")
                .baseUnit("operations")
                .register(registry);
    }

    @Override
    public void requestAnswered(RecordId id, RequestOutcome outcome) {
        requests.get(outcome).increment();
    }

    @Override
    public void leaseRenewal(Renewal result) {
        renewals.get(result).increment();
    }

    @Override
    public void executionEnded(Ending ending) {
        endings.get(ending).increment();
    }

    @Override
    public void responseStored(int bytes) {
        recordSize.record(bytes);
    }

    @Override
    public void acknowledgementApplied(SequencedKey key, long watermark, long discarded) {
        this.discarded.increment(discarded);
        acknowledgementLag.record(Math.max(0, key.sequence() - watermark));
    }
}

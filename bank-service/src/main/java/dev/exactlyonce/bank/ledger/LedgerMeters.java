package dev.exactlyonce.bank.ledger;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code bank.ledger.operations}: money movements the ledger recorded, by type and outcome ({@code completed},
 * or the refusal). Counted once per operation, when it was recorded and not when it was replayed, so the rate is
 * the ledger's throughput. Every series is registered at start-up, so a dashboard finds refusals at zero
 * rather than missing until the first one. {@link MoneyMovementController} owns them: it counts an answer
 * once its transaction has committed, so a rolled-back attempt is never counted.
 */
final class LedgerMeters {

    private static final List<OperationType> MOVEMENTS = List.of(OperationType.CREDIT, OperationType.DEBIT,
            OperationType.TRANSFER);

    private final Map<OperationType, Counter> completed = new EnumMap<>(OperationType.class);

    private final Map<OperationType, Map<Rejection, Counter>> refused = new EnumMap<>(OperationType.class);

    LedgerMeters(MeterRegistry registry) {
        for (OperationType type : MOVEMENTS) {
            completed.put(type, counter(registry, type, "completed"));
            Map<Rejection, Counter> byRejection = new EnumMap<>(Rejection.class);
            for (Rejection rejection : Rejection.values()) {
                byRejection.put(rejection, counter(registry, type, tag(rejection.name())));
            }
            refused.put(type, byRejection);
        }
    }

    private static Counter counter(MeterRegistry registry, OperationType type, String outcome) {
        return Counter.builder("bank.ledger.operations")
                .description("Money movements recorded in the ledger (replays not counted)")
                .tag("type", tag(type.name()))
                .tag("outcome", outcome)
                .register(registry);
    }

    private static String tag(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Counts the operation unless this answer replays one recorded earlier. */
    void recorded(FencedOperation fenced) {
        if (fenced.replayed()) {
            return;
        }
        Operation operation = fenced.operation();
        Counter counter = operation.rejection() == null ? completed.get(operation.type())
                : refused.get(operation.type()).get(operation.rejection());
        counter.increment();
    }
}

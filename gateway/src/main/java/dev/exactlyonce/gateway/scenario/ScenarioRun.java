package dev.exactlyonce.gateway.scenario;

import java.util.List;
import java.util.UUID;

/**
 * One play of the story.
 *
 * @param strategy where the retry's key came from
 * @param account the account debited
 * @param attempts every attempt of the one logical debit, in order
 * @param debitsApplied completed debits the ledger shows for the account
 * @param balanceBefore balance before the debit, in minor units
 * @param balanceAfter balance after all attempts, in minor units
 */
public record ScenarioRun(KeyStrategy strategy, UUID account, List<Attempt> attempts, long debitsApplied,
        long balanceBefore, long balanceAfter) {

    public ScenarioRun {
        attempts = List.copyOf(attempts);
    }

    /** Distinct Idempotency-Keys the client sent for its one debit. */
    public long distinctKeys() {
        return attempts.stream().map(Attempt::key).distinct().count();
    }

    /** The last attempt's result: what the client finally learned. */
    public AttemptResult finalResult() {
        return attempts.get(attempts.size() - 1).result();
    }

    /**
     * @param number 1 for the first attempt
     * @param key the Idempotency-Key sent
     * @param result what came back
     */
    public record Attempt(int number, String key, AttemptResult result) {
    }
}

package dev.exactlyonce.client.dashboard.demo;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One lost-reply demonstration in progress, kept in the user's session between its steps.
 *
 * @param key the Idempotency-Key of the debit whose reply was lost
 * @param balanceBefore the account's balance just before that debit
 * @param newestBefore the newest operation on the account before the demonstration, so that the debits it
 *        caused can be counted from the bank's own history, whatever the clocks say
 * @param attempts every attempt so far, first one included
 */
record DemoRun(UUID accountId, String currency, long amount, String key, long balanceBefore, UUID newestBefore,
        Instant startedAt, List<Attempt> attempts) implements Serializable {

    DemoRun {
        attempts = List.copyOf(attempts);
    }

    DemoRun with(Attempt attempt) {
        List<Attempt> more = new ArrayList<>(attempts);
        more.add(attempt);
        return new DemoRun(accountId, currency, amount, key, balanceBefore, newestBefore, startedAt, more);
    }

    /** Whether the first attempt's reply really was lost (the gateway may have dropped another call's). */
    public boolean replyLost() {
        return !attempts.isEmpty() && attempts.get(0).status() == null;
    }

    /** Whether the first attempt got an answer other than success, such as a refusal for insufficient funds. */
    public boolean firstRefused() {
        Integer status = attempts.isEmpty() ? null : attempts.get(0).status();
        return status != null && (status < 200 || status >= 300);
    }

    public boolean retried() {
        return attempts.size() > 1;
    }

    /** Whether any retry carried a key other than the first attempt's. */
    public boolean usedNewKey() {
        return attempts.stream().anyMatch(attempt -> !attempt.key().equals(key));
    }

    /**
     * One attempt.
     *
     * @param sameKey whether it carried the first attempt's key
     * @param status the HTTP status, {@code null} when no reply arrived
     * @param text what happened, in plain words
     */
    record Attempt(int number, String key, boolean sameKey, Integer status, boolean replayed, String text, Instant at)
            implements Serializable {
    }
}

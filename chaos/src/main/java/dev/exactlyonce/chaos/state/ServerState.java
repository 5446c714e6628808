package dev.exactlyonce.chaos.state;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * The server state a run leaves behind: what each server still keeps about requests already answered.
 *
 * @param acknowledgement whether client-app sent the cumulative acknowledgement ({@code ;ack=})
 * @param records the starter's idempotency records in Redis ({@code idem:{<n>:<principal>:<key>}}, a sequenced
 *        key's {@code idem:{<n>:<principal>:<session>}.<sequence>})
 * @param watermarks the starter's watermarks in Redis ({@code idem:ack:{<n>:<principal>:<session>}})
 * @param otherKeys every other Redis key (the gateway's rate limiter, for one)
 * @param fenceRows bank-service's {@code idempotency_record} rows
 * @param fenceRowsBelowWatermark fence rows of a session below its watermark: the bank should have discarded them
 * @param watermarkRows bank-service's {@code idempotency_watermark} rows
 * @param bankOperations bank-service's {@code operation} rows (every one keeps its key)
 * @param journalOperations client-app's {@code client_journal.operation} rows
 * @param journalAttempts client-app's {@code client_journal.attempt} rows
 * @param operationsInFlight the most operations the workload had in flight through client-app at once (one
 *        per client-app worker): what the state of a session is to be bounded by
 * @param sessions per client session, what each server keeps of it
 */
public record ServerState(boolean acknowledgement, KeySpace records, KeySpace watermarks, KeySpace otherKeys,
        long fenceRows, long fenceRowsBelowWatermark, long watermarkRows, long bankOperations, long journalOperations,
        long journalAttempts, int operationsInFlight, List<Session> sessions) {

    public ServerState {
        Objects.requireNonNull(records, "records must not be null");
        Objects.requireNonNull(watermarks, "watermarks must not be null");
        Objects.requireNonNull(otherKeys, "otherKeys must not be null");
        sessions = sessions.stream().sorted(Comparator.comparing(Session::client).thenComparing(Session::session))
                .toList();
    }

    /** Redis keys of one kind and the memory they take ({@code MEMORY USAGE}, bytes). */
    public record KeySpace(long keys, long bytes) {

        public static final KeySpace EMPTY = new KeySpace(0, 0);

        KeySpace plus(long bytes) {
            return new KeySpace(keys + 1, this.bytes + bytes);
        }
    }

    /**
     * One client session ({@code <session>.<sequence>} keys) of one principal.
     *
     * @param watermark the bank's durable watermark, 0 if none
     * @param highestSequence the highest sequence client-app's journal holds for it, 0 if none
     * @param redisRecords the starter's records of the session's keys
     * @param fenceRows bank-service's fence rows of the session
     * @param journalOperations client-app's journal rows sent under the session
     */
    public record Session(String client, String session, long watermark, long highestSequence, long redisRecords,
            long redisBytes, long fenceRows, long journalOperations) {
    }

    /** The largest figure over the sessions, 0 without sessions. */
    public long mostPerSession(ToLongFunction<Session> figure) {
        return sessions.stream().mapToLong(figure).max().orElse(0);
    }

    /** The starter's records per session on average, 0 without sessions. */
    public double meanPerSession(ToLongFunction<Session> figure) {
        return sessions.stream().mapToLong(figure).average().orElse(0);
    }
}

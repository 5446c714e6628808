package dev.exactlyonce.bank.fence;

import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.KeyField;
import dev.exactlyonce.idempotency.SequencedKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs a creating request (a money movement, opening an account) at most once per (client, key).
 *
 * <p>The fence owns the request's transaction ({@link Transactions}, which runs it again only where that is
 * provably safe). The fence row is inserted first in it, then the work runs. A concurrent transaction with the
 * same key blocks on the primary key until this one ends: if it commits, the other finds the row and
 * replays the stored outcome; if it rolls back, the other proceeds as the first. No lease, clock or
 * Redis is involved, which is why this is the last line behind the Redis fast path.
 *
 * <p>What is kept follows from that: a request the work refused by throwing (an unknown account, a
 * currency that is not the account's) rolls its fence row back with everything else, so a corrected
 * request may use the key again; an outcome the work recorded (a completed or a rejected operation, an
 * opened account) commits with its row and is what every later request with the key gets.
 *
 * <p>A client that sends {@link SequencedKey sequenced keys} acknowledges, with each request, every reply of
 * its session below some sequence ({@link KeyField}). {@link #acknowledge} keeps that watermark, which only
 * rises, and deletes the session's rows below it in the same statement; the operations keep their key for
 * audit. {@link #run} refuses a key below the watermark, also when Redis in front has forgotten it (a flush):
 * it reads the watermark after inserting its row, so either it sees an acknowledgement that deleted the old
 * row, or its insert met that row, waited for the deleting transaction and saw its commit. Applying an
 * acknowledgement late is safe (rows are kept a little longer), which is why {@link Acknowledgements} batches
 * them off the request path.
 */
@Component
public class IdempotencyFence {

    private final JdbcClient jdbc;

    private final Transactions transactions;

    IdempotencyFence(JdbcClient jdbc, Transactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** This fence for requests that create {@code target}s; each service keeps the one it needs. */
    public Gate guarding(Target target) {
        return new Gate(target);
    }

    private Fenced runOnce(String client, IdempotencyKey key, String fingerprint, Target target, Supplier<UUID> work) {
        SequencedKey sequenced = SequencedKey.of(key).orElse(null);
        int claimed = jdbc.sql("""
                insert into idempotency_record (client, idempotency_key, request_fingerprint, key_session, key_sequence)
                values (:client, :key, :fingerprint, :session, :sequence)
                on conflict do nothing""")
                .param("client", client).param("key", key.value()).param("fingerprint", fingerprint)
                .param("session", sequenced == null ? null : sequenced.session())
                .param("sequence", sequenced == null ? null : sequenced.sequence())
                .update();
        if (claimed == 0) {
            return replay(client, key, fingerprint, target);
        }
        UUID created = work.get();
        // The session's watermark is read in the same statement that points the row at what the work created:
        // after the insert, which is what makes the read safe (see the class comment), and without a round trip
        // of its own. A key below it rolls everything back.
        Long watermark = jdbc.sql("update idempotency_record set " + target.column + " = :created "
                + "where client = :client and idempotency_key = :key returning (select w.watermark "
                + "from idempotency_watermark w where w.client = :client and w.session = :session)")
                .param("created", created).param("client", client).param("key", key.value())
                .param("session", sequenced == null ? null : sequenced.session())
                .query(Long.class).list().get(0);
        if (sequenced != null && watermark != null && sequenced.sequence() < watermark) {
            throw new AcknowledgedKeyException(watermark);
        }
        return new Fenced(created, false);
    }

    /**
     * Applies a client's acknowledgement to its session: raises the session's watermark to {@code acknowledged}
     * unless it is already as high, and deletes the session's fence rows below the new watermark, in one
     * statement and so one transaction of its own: the watermark's row is locked only for it, never while a
     * request of the session moves money.
     *
     * @return how many fence rows were deleted
     */
    int acknowledge(String client, String session, long acknowledged) {
        return jdbc.sql("""
                with raised as (
                    insert into idempotency_watermark (client, session, watermark)
                    values (:client, :session, :acknowledged)
                    on conflict (client, session) do update set watermark = excluded.watermark, updated_at = now()
                    where idempotency_watermark.watermark < excluded.watermark
                    returning watermark)
                delete from idempotency_record r using raised
                where r.client = :client and r.key_session = :session and r.key_sequence < raised.watermark""")
                .param("client", client).param("session", session).param("acknowledged", acknowledged)
                .update();
    }

    private Fenced replay(String client, IdempotencyKey key, String fingerprint, Target target) {
        StoredRecord stored = jdbc.sql("""
                select request_fingerprint, %s from idempotency_record
                where client = :client and idempotency_key = :key""".formatted(target.column))
                .param("client", client).param("key", key.value())
                .query((rs, row) -> new StoredRecord(rs.getString(1), rs.getObject(2, UUID.class)))
                .single();
        // Fingerprints name the kind of request, so a key of an opening never matches a movement's; the
        // null check keeps that true even for a fingerprint built carelessly.
        if (!stored.fingerprint().equals(fingerprint) || stored.created() == null) {
            throw new FingerprintMismatchException();
        }
        return new Fenced(stored.created(), true);
    }

    /** The fence for requests that create one kind of thing ({@link Target}). */
    public final class Gate {

        private final Target target;

        private Gate(Target target) {
            this.target = target;
        }

        /**
         * Runs {@code work} in a transaction of its own unless this client already used this key, and records
         * what it created. {@code answer} runs in the same transaction, so the first answer and every replay are
         * read from the same committed rows.
         *
         * @param fingerprint the request's {@link CommandFingerprint}
         * @param work performs the request and returns the id of what it created
         * @param answer builds the reply from what the first execution created and whether this call replayed it
         * @throws FingerprintMismatchException when the key was used for a request with another fingerprint
         * @throws AcknowledgedKeyException when the client has acknowledged the key's reply already
         */
        public <T> T run(String client, IdempotencyKey key, String fingerprint, Supplier<UUID> work,
                Function<Fenced, T> answer) {
            return transactions.inTransaction(() -> answer.apply(runOnce(client, key, fingerprint, target, work)));
        }
    }

    /** What a fenced request creates. */
    public enum Target {
        /** A money movement: the row points at its operation (completed or rejected). */
        OPERATION("operation_id"),
        /** Opening an account: the row points at the account. */
        ACCOUNT("account_id");

        private final String column;

        Target(String column) {
            this.column = column;
        }
    }

    /** What a key stands for (an operation or an account id), and whether it was recorded by an earlier request. */
    public record Fenced(UUID id, boolean replayed) {
    }

    private record StoredRecord(String fingerprint, UUID created) {
    }
}

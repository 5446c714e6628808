package dev.exactlyonce.bank.fence;

import java.util.UUID;
import java.util.function.Supplier;

import dev.exactlyonce.idempotency.IdempotencyKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs a creating request (a money movement, opening an account) at most once per (client, key).
 *
 * <p>The fence row is inserted first, in the caller's transaction. A concurrent transaction with the
 * same key blocks on the primary key until this one ends: if it commits, the other finds the row and
 * replays the stored outcome; if it rolls back, the other proceeds as the first. No lease, clock or
 * Redis is involved, which is why this is the last line behind the Redis fast path.
 *
 * <p>What is kept follows from that: a request the work refused by throwing (an unknown account, a
 * currency that is not the account's) rolls its fence row back with everything else, so a corrected
 * request may use the key again; an outcome the work recorded (a completed or a rejected operation, an
 * opened account) commits with its row and is what every later request with the key gets.
 */
@Component
public class IdempotencyFence {

    private final JdbcClient jdbc;

    IdempotencyFence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code work} unless this client already used this key, and records what it created.
     *
     * @param target what the work creates, and so which column of the fence row points at it
     * @param work performs the request and returns the id of what it created
     * @return what the first execution created, and whether this call replayed it
     * @param fingerprint the request's {@link CommandFingerprint}
     * @throws FingerprintMismatchException when the key was used for a request with another fingerprint
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Fenced run(String client, IdempotencyKey key, String fingerprint, Target target, Supplier<UUID> work) {
        int claimed = jdbc.sql("""
                insert into idempotency_record (client, idempotency_key, request_fingerprint)
                values (:client, :key, :fingerprint)
                on conflict do nothing""")
                .param("client", client).param("key", key.value()).param("fingerprint", fingerprint)
                .update();
        if (claimed == 0) {
            return replay(client, key, fingerprint, target);
        }
        UUID created = work.get();
        jdbc.sql("update idempotency_record set " + target.column + " = :created where client = :client and idempotency_key = :key")
                .param("created", created).param("client", client).param("key", key.value()).update();
        return new Fenced(created, false);
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

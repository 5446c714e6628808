package dev.exactlyonce.bank.fence;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs a money movement at most once per (client, key).
 *
 * <p>The fence row is inserted first, in the caller's transaction. A concurrent transaction with the
 * same key blocks on the primary key until this one ends: if it commits, the other finds the row and
 * replays the stored outcome; if it rolls back, the other proceeds as the first. No lease, clock or
 * Redis is involved, which is why this is the last line behind the Redis fast path.
 */
@Component
public class IdempotencyFence {

    private final JdbcClient jdbc;

    IdempotencyFence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code movement} unless this client already used this key, and records its operation.
     *
     * @param movement performs the movement and returns the id of the operation that records it
     * @return the operation of the first execution, and whether this call replayed it
     * @throws IdempotencyKeyReusedException when the key was used for a request with another fingerprint
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Fenced run(String client, String key, String fingerprint, Supplier<UUID> movement) {
        int claimed = jdbc.sql("""
                insert into idempotency_record (client, idempotency_key, request_fingerprint)
                values (:client, :key, :fingerprint)
                on conflict do nothing""")
                .param("client", client).param("key", key).param("fingerprint", fingerprint)
                .update();
        if (claimed == 0) {
            return replay(client, key, fingerprint);
        }
        UUID operationId = movement.get();
        jdbc.sql("update idempotency_record set operation_id = :operationId where client = :client and idempotency_key = :key")
                .param("operationId", operationId).param("client", client).param("key", key).update();
        return new Fenced(operationId, false);
    }

    private Fenced replay(String client, String key, String fingerprint) {
        StoredRecord stored = jdbc.sql("""
                select request_fingerprint, operation_id from idempotency_record
                where client = :client and idempotency_key = :key""")
                .param("client", client).param("key", key)
                .query((rs, row) -> new StoredRecord(rs.getString(1), rs.getObject(2, UUID.class)))
                .single();
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        return new Fenced(stored.operationId(), true);
    }

    /** The operation a key stands for, and whether it was recorded by an earlier request. */
    public record Fenced(UUID operationId, boolean replayed) {
    }

    private record StoredRecord(String fingerprint, UUID operationId) {
    }
}

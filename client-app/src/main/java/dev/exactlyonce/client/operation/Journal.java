package dev.exactlyonce.client.operation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The pending-operation journal in PostgreSQL (schema {@code client_journal}). Every write is a single
 * statement (minting a bank key locks the user's session row first), durable when it returns: the operation
 * before its first attempt, each attempt as it starts and ends, and the outcome. A final outcome is never
 * overwritten.
 */
@Repository
class Journal {

    private final JdbcClient jdbc;

    private final TransactionOperations transactions;

    Journal(JdbcClient jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Writes the operation unless the user already has one with this key; either way returns the stored one.
     * A new operation gets its bank key here, {@code <session>.<sequence>} in the user's session, and the
     * acknowledgement it will carry on every attempt.
     *
     * <p>The acknowledgement is the lowest sequence of the session still in doubt (or the new sequence when
     * none is): every reply below it has been received, so the bank may forget them. It must never reach past
     * an operation another instance is minting at the same moment. The mint is one statement, so it reads the
     * journal in one snapshot, but under READ COMMITTED a statement that waited for the session row's lock goes
     * on with the row as the other transaction left it (the next sequence) and its older snapshot of
     * everything else (not the operation that transaction inserted), and would acknowledge that operation.
     * Locking the session row first, in its own statement, makes the mint's snapshot start after every
     * earlier mint committed: each operation minted before is seen in doubt, each one minted after gets a
     * higher sequence.
     *
     * @param resumeAt when the resumer may take the operation over if nothing settled it by then (the
     *        round this process is about to run should be over long before)
     */
    Stored insertIfAbsent(PendingOperation operation, Instant resumeAt) {
        boolean inserted = Boolean.TRUE.equals(transactions.execute(status -> {
            lockSession(operation.user(), operation.createdAt());
            return mint(operation, resumeAt) == 1;
        }));
        PendingOperation stored = findByKey(operation.user(), operation.idempotencyKey()).orElseThrow(
                () -> new IllegalStateException("Operation with key " + operation.idempotencyKey() + " vanished"));
        return new Stored(stored, inserted);
    }

    /**
     * Opens the user's session if it has none yet (a new random id: a journal that was lost cannot hand out a
     * key of its old session again), and holds its row until the transaction ends.
     */
    private void lockSession(String user, Instant now) {
        // One statement for both: an upsert whose update changes nothing still takes the row's lock.
        jdbc.sql("""
                insert into client_journal.key_session (username, session_id, next_sequence, acknowledged, created_at)
                values (:user, :session, 1, 0, :now)
                on conflict (username) do update set next_sequence = client_journal.key_session.next_sequence
                returning session_id""")
                .param("user", user)
                .param("session", newSessionId())
                .param("now", timestamp(now))
                .query(String.class)
                .single();
    }

    /**
     * One statement: takes the session's next sequence, computes the acknowledgement, raises the session's
     * acknowledgement to it and inserts the operation with both. A sequence taken by an insert that finds the
     * caller's key already journaled is a gap, which nothing needs to fill.
     */
    private int mint(PendingOperation operation, Instant resumeAt) {
        return jdbc.sql("""
                with in_doubt as (
                    select min(key_sequence) as lowest from client_journal.operation
                    where username = :user and status = 'IN_DOUBT' and key_sequence is not null
                ),
                allocated as (
                    update client_journal.key_session s
                    set next_sequence = s.next_sequence + 1,
                        acknowledged = greatest(s.acknowledged, coalesce(d.lowest, s.next_sequence))
                    from in_doubt d
                    where s.username = :user
                    returning s.session_id, s.next_sequence - 1 as sequence,
                        coalesce(d.lowest, s.next_sequence - 1) as acknowledged
                )
                insert into client_journal.operation (id, username, idempotency_key, type, account_id, to_account_id,
                    amount, currency, description, status, created_at, updated_at, next_attempt_at,
                    bank_key, key_sequence, acknowledged)
                select :id, :user, :key, :type, :accountId, :toAccountId, :amount, :currency, :description,
                    'IN_DOUBT', :createdAt, :createdAt, :resumeAt, a.session_id || '.' || a.sequence, a.sequence,
                    a.acknowledged
                from allocated a
                on conflict (username, idempotency_key) do nothing""")
                .param("id", operation.id())
                .param("user", operation.user())
                .param("key", operation.idempotencyKey())
                .param("type", operation.type().name())
                .param("accountId", operation.accountId())
                .param("toAccountId", operation.toAccountId())
                .param("amount", operation.amount())
                .param("currency", operation.currency())
                .param("description", operation.description())
                .param("createdAt", timestamp(operation.createdAt()))
                .param("resumeAt", timestamp(resumeAt))
                .update();
    }

    /** {@code s} and 32 random hex digits: a valid {@code SequencedKey} session, unguessable and unique. */
    private static String newSessionId() {
        return "s" + UUID.randomUUID().toString().replace("-", "");
    }

    Optional<PendingOperation> find(UUID id) {
        return jdbc.sql("select * from client_journal.operation where id = :id")
                .param("id", id)
                .query(Journal::pendingOperation)
                .optional();
    }

    private Optional<PendingOperation> findByKey(String user, String key) {
        return jdbc.sql("select * from client_journal.operation where username = :user and idempotency_key = :key")
                .param("user", user)
                .param("key", key)
                .query(Journal::pendingOperation)
                .optional();
    }

    /** Records that an attempt is being sent; returns its number. */
    int startAttempt(UUID operationId, Instant at) {
        return jdbc.sql("""
                insert into client_journal.attempt (operation_id, number, started_at)
                select :id, coalesce(max(number), 0) + 1, :at from client_journal.attempt where operation_id = :id
                returning number""")
                .param("id", operationId)
                .param("at", timestamp(at))
                .query(Integer.class)
                .single();
    }

    void finishAttempt(UUID operationId, int number, Instant at, Integer httpStatus, String error, boolean replayed) {
        jdbc.sql("""
                update client_journal.attempt set finished_at = :at, http_status = :status, error = :error,
                    replayed = :replayed
                where operation_id = :id and number = :number""")
                .param("id", operationId)
                .param("number", number)
                .param("at", timestamp(at))
                .param("status", httpStatus)
                .param("error", error)
                .param("replayed", replayed)
                .update();
    }

    /**
     * Records a definite outcome, unless one is already recorded. Returns whether it was recorded now.
     *
     * @param detail the outcome in words, for a person
     * @param problemType the bank's problem type of a refusal, {@code null} otherwise
     */
    boolean settle(UUID id, OperationStatus status, String detail, String problemType, boolean replayed,
            UUID bankOperationId, Instant now) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("settle needs a final status, was " + status);
        }
        return jdbc.sql("""
                update client_journal.operation set status = :status, outcome_detail = :detail,
                    problem_type = :problemType, replayed = :replayed, bank_operation_id = :bankOperationId,
                    updated_at = :now, next_attempt_at = null
                where id = :id and status = 'IN_DOUBT'""")
                .param("id", id)
                .param("status", status.name())
                .param("detail", detail)
                .param("problemType", problemType)
                .param("replayed", replayed)
                .param("bankOperationId", bankOperationId)
                .param("now", timestamp(now))
                .update() == 1;
    }

    /**
     * Moves the resumer's next look at an operation in doubt past the round that is starting now, so that
     * another instance's resumer does not send the same key in parallel (which would be safe, only noisy).
     */
    void postpone(UUID id, Instant resumeAt) {
        jdbc.sql("update client_journal.operation set next_attempt_at = :at where id = :id and status = 'IN_DOUBT'")
                .param("id", id)
                .param("at", timestamp(resumeAt))
                .update();
    }

    /**
     * Keeps the operation in doubt with the reason, and says when the resumer should try again.
     *
     * @param problemType the type of the problem that kept the bank from answering, when there is one
     *        (client-app's {@code bank-unavailable} while the circuit breaker is open); {@code null} otherwise
     */
    void stillInDoubt(UUID id, String detail, String problemType, Instant nextAttemptAt, Instant now) {
        jdbc.sql("""
                update client_journal.operation set outcome_detail = :detail, problem_type = :problemType,
                    replayed = false, next_attempt_at = :next, updated_at = :now
                where id = :id and status = 'IN_DOUBT'""")
                .param("id", id)
                .param("detail", detail)
                .param("problemType", problemType)
                .param("next", timestamp(nextAttemptAt))
                .param("now", timestamp(now))
                .update();
    }

    /** Operations in doubt whose next attempt is due, oldest first. */
    List<UUID> due(Instant now, int limit) {
        return jdbc.sql("""
                select id from client_journal.operation
                where status = 'IN_DOUBT' and next_attempt_at <= :now
                order by next_attempt_at limit :limit""")
                .param("now", timestamp(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Every operation still in doubt, oldest first. */
    List<UUID> unfinished() {
        return jdbc.sql("select id from client_journal.operation where status = 'IN_DOUBT' order by created_at")
                .query(UUID.class)
                .list();
    }

    /** Closes attempts a previous process started but never saw the end of. */
    int closeInterruptedAttempts(String error) {
        return jdbc.sql("update client_journal.attempt set error = :error where finished_at is null and error is null")
                .param("error", error)
                .update();
    }

    /**
     * Deletes up to {@code batch} final operations, with their attempts, last touched before {@code cutoff}
     * whose reply the bank was told it may forget (a sequence below the session's acknowledgement) or that
     * have an opaque bank key (the bank forgets those after its own retention). Returns how many went.
     */
    int prune(Instant cutoff, int batch) {
        return jdbc.sql("""
                with doomed as (
                    select o.id from client_journal.operation o
                    left join client_journal.key_session s on s.username = o.username
                    where o.status <> 'IN_DOUBT' and o.updated_at < :cutoff
                        and (o.key_sequence is null or o.key_sequence < s.acknowledged)
                    limit :batch
                ),
                attempts as (
                    delete from client_journal.attempt where operation_id in (select id from doomed)
                )
                delete from client_journal.operation where id in (select id from doomed)""")
                .param("cutoff", timestamp(cutoff))
                .param("batch", batch)
                .update();
    }

    Optional<JournalView> view(String user, UUID id) {
        return views("where o.username = :user and o.id = :id", Map.of("user", user, "id", id)).stream().findFirst();
    }

    List<JournalView> list(String user, int limit) {
        return views("where o.id in (select id from client_journal.operation where username = :user "
                + "order by created_at desc limit :limit)", Map.of("user", user, "limit", limit));
    }

    private List<JournalView> views(String where, Map<String, ?> params) {
        Map<UUID, Builder> operations = new LinkedHashMap<>();
        jdbc.sql("""
                select o.*, a.number, a.started_at, a.http_status, a.error, a.replayed as attempt_replayed
                from client_journal.operation o left join client_journal.attempt a on a.operation_id = o.id
                """ + where + " order by o.created_at desc, o.id, a.number")
                .params(params)
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Builder builder = operations.computeIfAbsent(id, ignored -> new Builder(rs));
                    int number = rs.getInt("number");
                    if (!rs.wasNull()) {
                        Integer status = rs.getObject("http_status", Integer.class);
                        builder.attempts.add(new AttemptView(number, instant(rs, "started_at"), status,
                                rs.getString("error"), rs.getBoolean("attempt_replayed")));
                    }
                });
        return operations.values().stream().map(Builder::build).toList();
    }

    private static PendingOperation pendingOperation(ResultSet rs, int row) throws SQLException {
        return new PendingOperation(rs.getObject("id", UUID.class), rs.getString("username"),
                rs.getString("idempotency_key"), OperationType.valueOf(rs.getString("type")),
                rs.getObject("account_id", UUID.class), rs.getObject("to_account_id", UUID.class),
                rs.getLong("amount"), rs.getString("currency"), rs.getString("description"),
                OperationStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), bankKey(rs),
                rs.getObject("acknowledged", Long.class));
    }

    /** The caller's key for a row written without a bank key (only ever by hand: V3 gave every row one). */
    private static String bankKey(ResultSet rs) throws SQLException {
        String bankKey = rs.getString("bank_key");
        return bankKey != null ? bankKey : rs.getString("idempotency_key");
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An operation as stored, and whether this call stored it. */
    record Stored(PendingOperation operation, boolean created) {
    }

    /** Collects one operation's row and its attempts' rows. */
    private static final class Builder {

        private final JournalView head;

        private final List<AttemptView> attempts = new ArrayList<>();

        Builder(ResultSet rs) {
            try {
                head = new JournalView(rs.getObject("id", UUID.class), rs.getString("idempotency_key"),
                        OperationType.valueOf(rs.getString("type")), rs.getObject("account_id", UUID.class),
                        rs.getObject("to_account_id", UUID.class), rs.getLong("amount"), rs.getString("currency"),
                        OperationStatus.valueOf(rs.getString("status")), rs.getString("outcome_detail"),
                        rs.getString("problem_type"), rs.getBoolean("replayed"), List.of(),
                        rs.getObject("bank_operation_id", UUID.class), instant(rs, "created_at"));
            } catch (SQLException ex) {
                throw new IllegalStateException("Unreadable journal row", ex);
            }
        }

        JournalView build() {
            return new JournalView(head.id(), head.idempotencyKey(), head.type(), head.accountId(), head.toAccountId(),
                    head.amount(), head.currency(), head.status(), head.outcomeDetail(), head.problemType(),
                    head.replayed(), List.copyOf(attempts), head.bankOperationId(), head.createdAt());
        }
    }
}

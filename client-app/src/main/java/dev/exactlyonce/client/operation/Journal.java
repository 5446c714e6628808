package dev.exactlyonce.client.operation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
 *
 * <p>Several client-app processes may share one journal. Each has an instance row with a heartbeat; a round of
 * attempts runs under a lease on its operation's row ({@link #claim}), taken by a conditional update, renewed
 * before every attempt and released when the round ends. A lease is void once it runs out or its holder's
 * heartbeat stops, so a dead process's operations are taken over, and only a dead process's open attempts are
 * closed as interrupted. Lease and heartbeat times are PostgreSQL's clock, never a comparison of two
 * machines' clocks.
 */
@Repository
class Journal {

    /**
     * Whether no live process holds the lease of the operation {@code o}, so that any may claim it: no lease, a lease
     * run out, or a lease of a process whose heartbeat is older than {@code :timeoutMillis} (or whose instance row is
     * gone).
     */
    private static final String LEASE_FREE = """
            (o.leased_by is null or o.lease_until < clock_timestamp() or not exists (
                select 1 from client_journal.instance i where i.id = o.leased_by
                    and i.heartbeat_at >= clock_timestamp() - :timeoutMillis * interval '1 millisecond'))""";

    private final JdbcClient jdbc;

    private final TransactionOperations transactions;

    /** This process among the replicas on the journal: a new one on every start. */
    private final UUID instance = UUID.randomUUID();

    Journal(JdbcClient jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    UUID instance() {
        return instance;
    }

    /**
     * Tells the journal this process is alive; the first call registers it. Returns whether the instance row had
     * to be written anew: on a later call, that the other replicas took this process for dead (it paused for
     * longer than their instance timeout) and may have taken its operations over.
     */
    boolean heartbeat(String host) {
        return Boolean.TRUE.equals(jdbc.sql("""
                insert into client_journal.instance (id, host, started_at, heartbeat_at)
                values (:id, :host, clock_timestamp(), clock_timestamp())
                on conflict (id) do update set heartbeat_at = clock_timestamp()
                returning (xmax = 0)""")
                .param("id", instance)
                .param("host", host)
                .query(Boolean.class)
                .single());
    }

    /**
     * Forgets processes whose heartbeat is older than {@code timeout} and closes, with {@code error}, the attempts
     * they left open (and those journaled before attempts named their process), which no live process will
     * finish. Their operations' leases are void already. Returns how many attempts it closed.
     */
    int closeAttemptsOfDeadInstances(Duration timeout, String error) {
        // Deleting the rows makes one replica the sweeper of each dead process; an attempt whose process has no
        // row at all (its sweeper died halfway) is closed by the next sweep.
        return jdbc.sql("""
                with dead as (
                    delete from client_journal.instance
                    where heartbeat_at < clock_timestamp() - :timeoutMillis * interval '1 millisecond'
                    returning id
                ),
                closed as (
                    update client_journal.attempt a set error = :error
                    where a.finished_at is null and a.error is null and (a.instance_id is null
                        or a.instance_id in (select id from dead)
                        or not exists (select 1 from client_journal.instance i where i.id = a.instance_id))
                    returning 1
                )
                select count(*) from closed""")
                .param("timeoutMillis", timeout.toMillis())
                .param("error", error)
                .query(Integer.class)
                .single();
    }

    /**
     * Takes the lease on an operation in doubt for this process, for {@code lease}, unless another live process
     * holds it. Returns whether this process holds it now. One conditional update: of two processes claiming at
     * once, the second waits for the first's row lock and then finds the lease taken.
     */
    boolean claim(UUID id, Duration lease, Duration instanceTimeout) {
        return jdbc.sql("""
                update client_journal.operation o
                set leased_by = :me, lease_until = clock_timestamp() + :leaseMillis * interval '1 millisecond'
                where o.id = :id and o.status = 'IN_DOUBT' and (o.leased_by = :me or """ + LEASE_FREE + ")")
                .param("id", id)
                .param("me", instance)
                .param("leaseMillis", lease.toMillis())
                .param("timeoutMillis", instanceTimeout.toMillis())
                .update() == 1;
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
                on conflict (username) do update set next_sequence = client_journal.key_session.next_sequence""")
                .param("user", user)
                .param("session", newSessionId())
                .param("now", timestamp(now))
                .update();
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

    /**
     * Records that an attempt is being sent and renews this process's lease on the operation for {@code lease};
     * returns the attempt's number.
     *
     * @throws LeaseLostException when this process no longer holds the lease (another took the operation over
     *         while this one was paused) or the operation is no longer in doubt: the attempt must not be sent
     */
    int startAttempt(UUID operationId, Instant at, Duration lease) {
        return jdbc.sql("""
                with held as (
                    update client_journal.operation
                    set lease_until = clock_timestamp() + :leaseMillis * interval '1 millisecond'
                    where id = :id and status = 'IN_DOUBT' and leased_by = :me
                    returning id
                )
                insert into client_journal.attempt (operation_id, number, started_at, instance_id)
                select h.id, (select coalesce(max(number), 0) + 1 from client_journal.attempt where operation_id = h.id),
                    :at, :me
                from held h
                returning number""")
                .param("id", operationId)
                .param("at", timestamp(at))
                .param("me", instance)
                .param("leaseMillis", lease.toMillis())
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new LeaseLostException(operationId));
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
     * Records a definite outcome, unless one is already recorded, and ends any lease. Returns whether it was
     * recorded now. A definite answer from the bank is the truth whoever holds the lease.
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
                    updated_at = :now, next_attempt_at = null, leased_by = null, lease_until = null
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
     * Keeps the operation in doubt with the reason, says when the resumer should try again and releases this
     * process's lease. Does nothing unless this process holds the lease: another process's round is the one
     * whose reason counts.
     *
     * @param problemType the type of the problem that kept the bank from answering, when there is one
     *        (client-app's {@code bank-unavailable} while the circuit breaker is open); {@code null} otherwise
     */
    void stillInDoubt(UUID id, String detail, String problemType, Instant nextAttemptAt, Instant now) {
        jdbc.sql("""
                update client_journal.operation set outcome_detail = :detail, problem_type = :problemType,
                    replayed = false, next_attempt_at = :next, updated_at = :now, leased_by = null, lease_until = null
                where id = :id and status = 'IN_DOUBT' and leased_by = :me""")
                .param("id", id)
                .param("me", instance)
                .param("detail", detail)
                .param("problemType", problemType)
                .param("next", timestamp(nextAttemptAt))
                .param("now", timestamp(now))
                .update();
    }

    /**
     * Operations in doubt that no live process holds, whose next attempt is due or whose holder died or ran out
     * of lease mid-round, oldest first.
     */
    List<UUID> due(Instant now, int limit, Duration instanceTimeout) {
        return jdbc.sql("""
                select o.id from client_journal.operation o
                where o.status = 'IN_DOUBT' and (o.next_attempt_at <= :now or o.leased_by is not null) and """
                + LEASE_FREE + " order by o.next_attempt_at limit :limit")
                .param("now", timestamp(now))
                .param("limit", limit)
                .param("timeoutMillis", instanceTimeout.toMillis())
                .query(UUID.class)
                .list();
    }

    /** Every operation still in doubt that no live process holds, oldest first. */
    List<UUID> unfinished(Duration instanceTimeout) {
        return jdbc.sql("select o.id from client_journal.operation o where o.status = 'IN_DOUBT' and " + LEASE_FREE
                + " order by o.created_at")
                .param("timeoutMillis", instanceTimeout.toMillis())
                .query(UUID.class)
                .list();
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

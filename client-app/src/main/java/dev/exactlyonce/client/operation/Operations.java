package dev.exactlyonce.client.operation;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import dev.exactlyonce.client.security.ClientUsers;
import dev.exactlyonce.client.security.UnknownUserException;
import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.InvalidIdempotencyKeyException;

import org.springframework.stereotype.Service;

/**
 * The service API of client-app: submit a money operation and see every operation with its attempts. An
 * operation is in the journal, with its key, before anything is sent; submitting the same key again
 * finds it instead of creating a second one.
 */
@Service
public class Operations {

    /** The bank's limit: 10^15 minor units. */
    static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    static final int MAX_DESCRIPTION_LENGTH = 140;

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final Journal journal;

    private final OperationRunner runner;

    private final ClientUsers users;

    private final JournalProperties properties;

    private final Clock clock;

    Operations(Journal journal, OperationRunner runner, ClientUsers users, JournalProperties properties, Clock clock) {
        this.journal = journal;
        this.runner = runner;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Journals the operation (or finds the one already journaled under the command's key), starts sending
     * it unless it already has an outcome, and waits up to {@code client.journal.answer-wait} for that
     * outcome. An operation still in doubt then goes on in the background.
     *
     * @throws InvalidOperationException when the command is incomplete or malformed
     * @throws OperationKeyReusedException when the key was used for a different operation
     * @throws UnknownUserException when the user has no bank token
     */
    public JournalView submit(String user, OperationCommand command) {
        users.requireKnown(user);
        validate(command);
        String key = command.idempotencyKey() != null ? command.idempotencyKey() : UUID.randomUUID().toString();
        PendingOperation candidate = PendingOperation.submitted(UUID.randomUUID(), user, key, command,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        Journal.Stored stored = journal.insertIfAbsent(candidate, runner.resumeAfterRound(candidate.createdAt()));
        PendingOperation operation = stored.operation();
        if (!stored.created() && !operation.sameRequestAs(command)) {
            throw new OperationKeyReusedException(key);
        }
        if (!operation.status().isFinal()) {
            awaitOutcome(runner.run(operation.id()));
        }
        return journal.view(user, operation.id()).orElseThrow(() -> new OperationNotFoundException(operation.id()));
    }

    /** The user's operations, newest first, with their attempts. */
    public List<JournalView> list(String user) {
        return journal.list(user, properties.listLimit());
    }

    /** One of the user's operations. */
    public JournalView get(String user, UUID id) {
        return journal.view(user, id).orElseThrow(() -> new OperationNotFoundException(id));
    }

    private void awaitOutcome(CompletableFuture<Void> round) {
        try {
            round.get(properties.answerWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException ex) {
            // Still in doubt, or the round failed unexpectedly: the journal says which, and the resumer goes on.
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void validate(OperationCommand command) {
        if (command == null) {
            throw new InvalidOperationException("An operation is required");
        }
        if (command.type() == null) {
            throw new InvalidOperationException("type must be one of CREDIT, DEBIT, TRANSFER");
        }
        if (command.accountId() == null) {
            throw new InvalidOperationException("accountId is required");
        }
        if (command.type() == OperationType.TRANSFER) {
            if (command.toAccountId() == null) {
                throw new InvalidOperationException("toAccountId is required for a transfer");
            }
            if (command.toAccountId().equals(command.accountId())) {
                throw new InvalidOperationException("A transfer needs two different accounts");
            }
        } else if (command.toAccountId() != null) {
            throw new InvalidOperationException("toAccountId is only for transfers");
        }
        if (command.amount() < 1 || command.amount() > MAX_AMOUNT) {
            throw new InvalidOperationException(
                    "amount must be a whole number of minor units between 1 and 10^15, was " + command.amount());
        }
        if (command.currency() == null || !CURRENCY.matcher(command.currency()).matches()) {
            throw new InvalidOperationException("currency must be an ISO 4217 code such as EUR, was " + command.currency());
        }
        if (command.description() != null && command.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidOperationException("description must be at most " + MAX_DESCRIPTION_LENGTH
                    + " characters, was " + command.description().length());
        }
        if (command.idempotencyKey() != null) {
            validateKey(command.idempotencyKey());
        }
    }

    /** The protocol's rule for keys, checked before the key is journaled rather than after the first attempt. */
    private static void validateKey(String key) {
        try {
            new IdempotencyKey(key);
        } catch (InvalidIdempotencyKeyException ex) {
            throw new InvalidOperationException(ex.getMessage());
        }
    }
}

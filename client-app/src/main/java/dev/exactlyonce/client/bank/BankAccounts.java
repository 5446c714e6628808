package dev.exactlyonce.client.bank;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.exactlyonce.client.security.ClientUsers;
import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.InvalidIdempotencyKeyException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.springframework.stereotype.Service;

/**
 * The signed-in user's accounts at the bank: reading them and their history, opening one, and moving money.
 * Every call is bounded by its {@code client.bank.*-budget} and sent with the user's bank credentials.
 */
@Service
public class BankAccounts {

    /** The bank's largest page; enough points for a balance chart. */
    private static final int HISTORY_SIZE = 100;

    private final BankCalls calls;

    private final ClientUsers users;

    private final BankProperties properties;

    private final Clock clock;

    BankAccounts(BankCalls calls, ClientUsers users, BankProperties properties, Clock clock) {
        this.calls = calls;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    /** The user's accounts with their current balances. */
    public List<AccountView> accounts(String user) {
        String authorization = users.authorization(user);
        return read(api -> api.accounts(authorization));
    }

    /** The account's latest operations, newest first. */
    public List<BankOperationView> history(String user, UUID accountId) {
        String authorization = users.authorization(user);
        Wire.OperationPage page = read(api -> api.history(authorization, accountId, 0, HISTORY_SIZE));
        return page.items().stream().map(BankOperationView::of).toList();
    }

    /**
     * Opens an account exactly once per {@code idempotencyKey}. The bank de-duplicates openings by key, so
     * the opening is retried like a money movement (timeouts, resets, 5xx, 409 and 429, with the same key,
     * within {@code client.bank.open-budget}), and a replayed answer is the account the first attempt
     * opened. Without a definite answer the caller is told the bank is unavailable: nothing or exactly one
     * account was opened, and opening again with the same key finds out which without opening a second.
     *
     * @throws InvalidIdempotencyKeyException when the key breaks {@link IdempotencyKey}'s rule (nothing sent)
     * @throws AccountKeyReusedException when the bank already used the key for a different request
     * @throws BankReadRefusedException for any other definite refusal (an unknown currency, say)
     * @throws BankUnavailableException when no attempt got a definite answer in time
     */
    public AccountView open(String user, String currency, String idempotencyKey) {
        new IdempotencyKey(idempotencyKey);
        String authorization = users.authorization(user);
        Instant deadline = clock.instant().plus(properties.openBudget());
        try {
            return calls.openAccount(authorization, idempotencyKey, new Wire.OpenAccountRequest(currency), deadline);
        } catch (RefusedAttemptException ex) {
            if (ex.problem().kind() == BankProblemType.IDEMPOTENCY_KEY_REUSED) {
                throw new AccountKeyReusedException(idempotencyKey, ex.getMessage(), ex);
            }
            throw new BankReadRefusedException(ex.httpStatus(), ex.getMessage(), ex);
        } catch (BankAttemptException ex) {
            throw new BankUnavailableException("The bank did not confirm the account: " + ex.getMessage(), ex);
        } catch (CallNotPermittedException ex) {
            throw new BankUnavailableException("Bank unavailable: its circuit breaker is open", ex);
        }
    }

    /**
     * Sends a money movement and reports how the round of attempts ended: one round under the movement's key,
     * bounded by the configured attempts and {@code client.bank.write-budget}. It never invents a key: the
     * caller's journal owns it.
     */
    public MovementResult send(String user, MoneyMovement movement, AttemptListener listener) {
        String authorization = users.authorization(user);
        Instant deadline = clock.instant().plus(properties.writeBudget());
        try {
            BankCalls.Reply reply = calls.move(movement, authorization, deadline, listener);
            return new MovementResult.Succeeded(reply.operation().operationId(), reply.operation().balanceAfter(),
                    reply.httpStatus(), reply.replayed());
        } catch (RefusedAttemptException ex) {
            return new MovementResult.Rejected(ex.httpStatus(), ex.getMessage(), ex.problem().type(),
                    ex.problem().operationId(), ex.replayed());
        } catch (BankAttemptException ex) {
            return new MovementResult.InDoubt("No definite answer from the bank: " + ex.getMessage(), false,
                    ex.retryAfter());
        } catch (CallNotPermittedException ex) {
            return new MovementResult.InDoubt("Bank unavailable: its circuit breaker is open after repeated failures",
                    true, Duration.ZERO);
        }
    }

    private <T> T read(Function<BankApiClient, T> call) {
        try {
            return calls.read(call, clock.instant().plus(properties.readBudget()));
        } catch (RefusedAttemptException ex) {
            throw new BankReadRefusedException(ex.httpStatus(), ex.getMessage(), ex);
        } catch (BankAttemptException ex) {
            throw new BankUnavailableException("The bank did not answer: " + ex.getMessage(), ex);
        } catch (CallNotPermittedException ex) {
            throw new BankUnavailableException("Bank unavailable: its circuit breaker is open", ex);
        }
    }
}

package dev.exactlyonce.client.bank;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.exactlyonce.client.security.ClientUsers;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.springframework.stereotype.Service;

/**
 * Sends a money movement to the bank and reports how the round of attempts ended. It never invents a key: the
 * caller's journal owns it.
 */
@Service
public class MoneyMovementSender {

    private final BankCalls calls;

    private final ClientUsers users;

    private final BankProperties properties;

    private final Clock clock;

    MoneyMovementSender(BankCalls calls, ClientUsers users, BankProperties properties, Clock clock) {
        this.calls = calls;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One round of attempts under the movement's key, bounded by the configured attempts and
     * {@code client.bank.write-budget}.
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
}

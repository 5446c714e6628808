package dev.exactlyonce.client.bank;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.exactlyonce.client.security.ClientUsers;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.springframework.stereotype.Service;

/** The signed-in user's accounts and their history at the bank, for the dashboard. */
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
     * Opens an account. Opening is not a money movement and the bank does not de-duplicate it, so it is
     * tried once: a lost reply leaves at worst an empty account.
     */
    public AccountView open(String user, String currency) {
        String authorization = users.authorization(user);
        try {
            return calls.openAccount(authorization, new Wire.OpenAccountRequest(currency));
        } catch (BankRefusedException ex) {
            throw new BankReadRefusedException(ex.httpStatus(), ex.getMessage(), ex);
        } catch (BankAttemptException | CallNotPermittedException ex) {
            throw new BankUnavailableException("The bank did not open the account: " + ex.getMessage(), ex);
        }
    }

    private <T> T read(Function<BankApi, T> call) {
        try {
            return calls.read(call, clock.instant().plus(properties.readBudget()));
        } catch (BankRefusedException ex) {
            throw new BankReadRefusedException(ex.httpStatus(), ex.getMessage(), ex);
        } catch (BankAttemptException ex) {
            throw new BankUnavailableException("The bank did not answer: " + ex.getMessage(), ex);
        } catch (CallNotPermittedException ex) {
            throw new BankUnavailableException("Bank unavailable: its circuit breaker is open", ex);
        }
    }
}

package dev.exactlyonce.gateway.scenario;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The story: a client debits an account, the reply is lost after the bank has applied the debit, and the
 * client retries from a new session: a new HTTP client, new connections, no cookies, nothing shared but
 * what the client chose to keep. Whether the debit is applied once or twice depends only on the key the
 * retry carries.
 */
public final class Scenario {

    static final String CURRENCY = "EUR";

    /** Opening balance of each run's fresh account, in minor units. */
    static final long OPENING_BALANCE = 10_000;

    /** A client gives up after this many attempts of one debit. */
    static final int MAX_ATTEMPTS = 4;

    private final GatewayClient client;

    private final long amount;

    /**
     * @param gateway base URI of the gateway, e.g. {@code http://localhost:8080}
     * @param token the bearer token of the client that plays the story
     * @param amount the debit, in minor units
     */
    public Scenario(URI gateway, String token, long amount) {
        if (amount < 1 || amount > OPENING_BALANCE / 2) {
            throw new IllegalArgumentException(
                    "amount must be between 1 and " + OPENING_BALANCE / 2 + " minor units, so two debits fit; not " + amount);
        }
        this.client = new GatewayClient(gateway, token);
        this.amount = amount;
    }

    public long amount() {
        return amount;
    }

    public URI gateway() {
        return client.gateway();
    }

    /**
     * Plays the story once on a fresh account.
     *
     * @throws ScenarioException when it cannot be played, for instance because the fault mode is off
     */
    public ScenarioRun play(KeyStrategy strategy) {
        GatewayClient.Session setup = client.newSession();
        UUID account = setup.openAccount(CURRENCY);
        setup.credit(account, OPENING_BALANCE, CURRENCY);
        long before = setup.balance(account);
        setup.dropNextReplies(1);

        String firstKey = KeyStrategy.newKey();
        List<ScenarioRun.Attempt> attempts = new ArrayList<>();
        for (int number = 1; number <= MAX_ATTEMPTS; number++) {
            String key = strategy.keyFor(number, firstKey);
            AttemptResult result = client.newSession().debit(account, amount, CURRENCY, key);
            attempts.add(new ScenarioRun.Attempt(number, key, result));
            if (number == 1 && result.replied()) {
                throw new ScenarioException("the first reply was not dropped (HTTP " + result.status()
                        + "); is another client using the gateway's fault mode?");
            }
            if (result.settled()) {
                break;
            }
        }

        GatewayClient.Session audit = client.newSession();
        return new ScenarioRun(strategy, account, attempts, audit.completedDebits(account), before, audit.balance(account));
    }
}

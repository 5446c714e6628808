package dev.exactlyonce.client.dashboard.demo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;

import dev.exactlyonce.client.bank.AccountView;
import dev.exactlyonce.client.bank.BankOperationView;
import dev.exactlyonce.client.bank.BankProblemType;
import dev.exactlyonce.client.dashboard.DashboardBank;
import dev.exactlyonce.client.dashboard.HistoryRow;
import dev.exactlyonce.client.dashboard.HistoryRows;
import dev.exactlyonce.client.dashboard.Money;
import dev.exactlyonce.client.security.ClientUsers;
import dev.exactlyonce.idempotency.IdempotencyHeaders;

import org.springframework.stereotype.Component;

/**
 * The lost-reply demonstration: the gateway drops the reply to a debit the bank has applied, and then the
 * person retries, with the same Idempotency-Key or with a new one, and sees how many debits the bank made.
 */
@Component
class LostReplyDemo {

    private final DashboardBank bank;

    private final GatewayLink gateway;

    private final ClientUsers users;

    private final HistoryRows histories;

    private final Clock clock;

    LostReplyDemo(DashboardBank bank, GatewayLink gateway, ClientUsers users, HistoryRows histories, Clock clock) {
        this.bank = bank;
        this.gateway = gateway;
        this.users = users;
        this.histories = histories;
        this.clock = clock;
    }

    /** Replies the gateway will still drop; empty when its fault mode is off, and the demonstration cannot run. */
    OptionalInt faultMode() {
        return gateway.pendingDrops();
    }

    /**
     * Step 1: arms the gateway and sends one debit attempt under {@code key}. No other dashboard read reaches
     * the bank in between, so the dropped reply is this debit's.
     */
    DemoRun start(String user, UUID accountId, long amount, String key) {
        return bank.exclusively(() -> {
            AccountView account = account(user, accountId);
            List<BankOperationView> history = bank.history(user, accountId);
            // The newest entry with an id marks the start; a limit change may come without one.
            UUID newest = history.stream().map(BankOperationView::operationId).filter(Objects::nonNull).findFirst()
                    .orElse(null);
            if (!gateway.dropNextReply()) {
                throw new FaultModeUnavailableException();
            }
            GatewayLink.Reply reply;
            try {
                reply = gateway.debitOnce(users.authorization(user), key, accountId, amount, account.currency());
            } finally {
                // A refused debit is not a success and drops nothing: leave nothing armed behind.
                gateway.cancelDrops();
            }
            DemoRun run = new DemoRun(accountId, account.currency(), amount, key, account.balance(), newest,
                    clock.instant(), List.of());
            return run.with(attempt(1, key, true, reply, run));
        });
    }

    /** Step 2: one more attempt, with the first attempt's key or with a new one. */
    DemoRun retry(String user, DemoRun run, String key) {
        GatewayLink.Reply reply = gateway.debitOnce(users.authorization(user), key, run.accountId(), run.amount(),
                run.currency());
        return run.with(attempt(run.attempts().size() + 1, key, key.equals(run.key()), reply, run));
    }

    /** What the bank's own records say the demonstration did to the account. */
    DemoResult result(String user, DemoRun run) {
        AccountView account = account(user, run.accountId());
        List<BankOperationView> since = new ArrayList<>();
        for (BankOperationView operation : bank.history(user, run.accountId())) {
            if (run.newestBefore() != null && run.newestBefore().equals(operation.operationId())) {
                break;
            }
            since.add(operation);
        }
        long debits = since.stream()
                .filter(operation -> "DEBIT".equals(operation.type()) && !"REJECTED".equals(operation.status()))
                .count();
        return new DemoResult(Money.format(run.balanceBefore(), run.currency()),
                Money.format(account.balance(), run.currency()), (int) debits,
                debits + (debits == 1 ? " debit" : " debits") + " of " + Money.format(run.amount(), run.currency()),
                verdict(run, debits), histories.rows(since, run.currency()));
    }

    private AccountView account(String user, UUID accountId) {
        return bank.accounts(user).stream().filter(account -> account.id().equals(accountId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No account " + accountId + " among the user's"));
    }

    private DemoRun.Attempt attempt(int number, String key, boolean sameKey, GatewayLink.Reply reply, DemoRun run) {
        String text;
        if (reply.status() == null) {
            text = "No reply: " + reply.lost() + ". Did the bank debit the account? The sender cannot tell.";
        } else if (reply.succeeded() && reply.replayed()) {
            text = "Answered " + reply.status() + " with " + IdempotencyHeaders.REPLAYED + ": true, the bank's stored "
                    + "answer to the first attempt. No new debit.";
        } else if (reply.succeeded()) {
            text = "Answered " + reply.status() + ": the bank debited " + Money.format(run.amount(), run.currency()) + ".";
        } else if (BankProblemType.of(reply.problemType()) == BankProblemType.INSUFFICIENT_FUNDS) {
            text = "Refused: not enough money in the account. Nothing moved.";
        } else if (reply.status() == 429) {
            text = "Answered 429: too many requests just now. Nothing moved; wait a moment.";
        } else {
            text = "Answered " + reply.status() + (reply.problemTitle() != null ? " (" + reply.problemTitle() + ")" : "")
                    + ".";
        }
        return new DemoRun.Attempt(number, key, sameKey, reply.status(), reply.replayed(), text, clock.instant());
    }

    private static String verdict(DemoRun run, long debits) {
        if (!run.retried()) {
            return null;
        }
        if (!run.usedNewKey()) {
            return debits == 1
                    ? "One debit. The retry carried the same key, so the bank recognised it and sent back its first "
                            + "answer instead of debiting again."
                    : debits + " debits, although every attempt carried the same key.";
        }
        return debits >= 2
                ? debits + " debits. The retry carried a new key, so the bank could not know it was the same debit "
                        + "and applied it again."
                : debits + " debit(s) after a retry with a new key.";
    }

    /** The gateway is not in fault mode, or refused to be armed. */
    static final class FaultModeUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        FaultModeUnavailableException() {
            super("The gateway's fault mode is off");
        }
    }

    /**
     * The demonstration's outcome, read back from the bank.
     *
     * @param debits debits the bank applied to the account since the demonstration started
     * @param verdict one sentence on why; {@code null} before any retry
     * @param ledger the account's operations since the demonstration started, newest first
     */
    record DemoResult(String balanceBeforeText, String balanceNowText, int debits, String debitsText, String verdict,
            List<HistoryRow> ledger) {
    }
}

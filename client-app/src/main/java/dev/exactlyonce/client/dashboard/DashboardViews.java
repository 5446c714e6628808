package dev.exactlyonce.client.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.exactlyonce.client.bank.BankOperationView;
import dev.exactlyonce.client.operation.AttemptView;
import dev.exactlyonce.client.operation.JournalView;
import dev.exactlyonce.client.operation.OperationStatus;
import dev.exactlyonce.client.operation.OperationType;

/**
 * Turns what the journal and the bank record into what a person reads: amounts with their currency,
 * local times, and outcomes and problems in plain words rather than HTTP statuses and exception names.
 */
final class DashboardViews {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ENGLISH);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

    private final ZoneId zone;

    DashboardViews(ZoneId zone) {
        this.zone = zone;
    }

    String when(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(zone));
    }

    String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }

    OperationRow row(JournalView view) {
        String amount = Money.format(view.amount(), view.currency());
        List<OperationRow.Attempt> attempts = view.attempts() == null ? List.of()
                : view.attempts().stream().map(this::attempt).toList();
        return new OperationRow(view.id(), view.idempotencyKey(), view.type().name(), typeText(view.type()),
                route(view), amount, view.status().name(), statusText(view.status()), outcome(view, amount),
                view.outcomeDetail(), view.replayed(), attempts, when(view.createdAt()), view.bankOperationId());
    }

    List<OperationRow> rows(List<JournalView> views) {
        return views.stream().map(this::row).toList();
    }

    /**
     * The chart and table of an account's history.
     *
     * @param newestFirst as the bank lists it
     * @param balance the account's balance now, the chart's last point when the history is empty
     */
    HistoryView history(List<BankOperationView> newestFirst, String currency, long balance, Instant now) {
        List<BankOperationView> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        List<BalanceChart.Sample> samples = new ArrayList<>();
        List<HistoryView.Row> rows = new ArrayList<>();
        Long previous = null;
        for (BankOperationView operation : oldestFirst) {
            if (operation.overdraftLimitChange()) {
                // Moves no money: a row in the table, no point on the chart.
                rows.add(new HistoryView.Row(when(operation.createdAt()), limitChangeText(operation, currency), "—",
                        "unchanged", "SUCCEEDED", "Done"));
                continue;
            }
            boolean moved = operation.balanceAfter() != null && !"REJECTED".equals(operation.status());
            String sign = "";
            if (moved) {
                if (samples.isEmpty()) {
                    // The balance before the oldest operation shown, so the first movement is drawn too.
                    Long before = balanceBefore(operation);
                    if (before != null) {
                        samples.add(new BalanceChart.Sample(operation.createdAt(), before));
                    }
                }
                samples.add(new BalanceChart.Sample(operation.createdAt(), operation.balanceAfter()));
                sign = sign(operation, previous);
                previous = operation.balanceAfter();
            }
            rows.add(new HistoryView.Row(when(operation.createdAt()), historyType(operation.type()),
                    operation.amount() == null ? "—" : sign + Money.format(operation.amount(), currency),
                    moved ? Money.format(operation.balanceAfter(), currency) : "unchanged",
                    moved ? "SUCCEEDED" : "REJECTED", moved ? "Done" : "Refused"));
        }
        if (samples.isEmpty()) {
            samples.add(new BalanceChart.Sample(now, balance));
        }
        Collections.reverse(rows);
        return new HistoryView(BalanceChart.of(samples, currency, zone), rows);
    }

    static String typeText(OperationType type) {
        return switch (type) {
            case CREDIT -> "Credit";
            case DEBIT -> "Debit";
            case TRANSFER -> "Transfer";
        };
    }

    static String statusText(OperationStatus status) {
        return switch (status) {
            case SUCCEEDED -> "Done";
            case REJECTED -> "Refused";
            case IN_DOUBT -> "Not sure yet";
        };
    }

    private static String route(JournalView view) {
        String from = AccountCard.label(view.accountId(), view.currency());
        return switch (view.type()) {
            case CREDIT -> "to " + from;
            case DEBIT -> "from " + from;
            case TRANSFER -> "from " + from + " to " + AccountCard.label(view.toAccountId(), view.currency());
        };
    }

    private static String outcome(JournalView view, String amount) {
        return switch (view.status()) {
            case SUCCEEDED -> switch (view.type()) {
                case CREDIT -> "The bank credited " + amount + ".";
                case DEBIT -> "The bank debited " + amount + ".";
                case TRANSFER -> "The bank moved " + amount + " between the accounts.";
            };
            case REJECTED -> refusal(view.outcomeDetail());
            case IN_DOUBT -> "No definite answer yet: " + inDoubtReason(view.outcomeDetail())
                    + " The dashboard keeps asking with the same key, so the money moves once or not at all.";
        };
    }

    /** The bank's problem title, recorded in the detail, decides the sentence. */
    static String refusal(String detail) {
        String text = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        if (text.contains("insufficient funds")) {
            return "Not enough money in the account, so the bank refused and nothing moved. Sending this form again "
                    + "gives the same answer; start a new one to try again.";
        }
        if (text.contains("account not found")) {
            return "The bank does not know this account, or it is not yours. Nothing moved.";
        }
        if (text.contains("currency does not match")) {
            return "The account holds a different currency. Nothing moved.";
        }
        if (text.contains("balance limit")) {
            return "That would take the balance past the most the bank allows. Nothing moved.";
        }
        if (text.contains("idempotency-key reused")) {
            return "The bank already used this form's key for a different operation. Nothing moved.";
        }
        if (text.contains("http 401") || text.contains("http 403") || text.contains("unauthorized")
                || text.contains("forbidden")) {
            return "The bank did not accept the dashboard's credentials for you. Nothing moved.";
        }
        return "The bank refused this request, and nothing moved.";
    }

    private static String inDoubtReason(String detail) {
        String text = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        if (text.contains("circuit breaker")) {
            return "the bank has been failing, so the dashboard is giving it a moment before asking again.";
        }
        if (text.isEmpty()) {
            return "the first attempt is on its way.";
        }
        return "the last attempt got no usable reply.";
    }

    private OperationRow.Attempt attempt(AttemptView attempt) {
        String result;
        Integer status = attempt.httpStatus();
        boolean answered = status != null && status >= 200 && status < 300;
        if (status == null && attempt.error() == null) {
            result = "waiting for the reply";
        } else if (answered) {
            result = attempt.replayed() ? "answered " + status + ", a replay of the stored answer"
                    : "answered " + status + ", done";
        } else if (status == null) {
            result = "no reply (" + connectionProblem(attempt.error()) + ")";
        } else if (status == 409) {
            result = "answered 409: the bank was still working on an earlier attempt with this key";
        } else if (status == 429) {
            result = "answered 429: too many requests, asked to wait";
        } else if (status >= 500) {
            result = "answered " + status + ": the bank or the gateway could not answer";
        } else {
            result = "answered " + status + ": refused" + (attempt.replayed() ? " (a replay of the stored answer)" : "");
        }
        return new OperationRow.Attempt(attempt.number(),
                "Attempt " + attempt.number() + " at " + time(attempt.at()) + ": " + result, attempt.replayed(), answered);
    }

    /** "Connection reset (SocketException)" → "the connection was cut before the reply". */
    static String connectionProblem(String error) {
        String text = error == null ? "" : error.toLowerCase(Locale.ROOT);
        if (text.contains("timed out") || text.contains("timeout")) {
            return "the reply did not come in time";
        }
        if (text.contains("refused")) {
            return "could not connect";
        }
        if (text.contains("reset") || text.contains("closed") || text.contains("eof") || text.contains("end of stream")
                || text.contains("no response") || text.contains("nohttpresponse") || text.contains("no bytes")
                || text.contains("broken pipe") || text.contains("failed to respond")) {
            return "the connection was cut before the reply";
        }
        return "the reply was lost";
    }

    /** "Overdraft limit changed from €0.00 to €500.00 by ops". */
    static String limitChangeText(BankOperationView change, String currency) {
        StringBuilder text = new StringBuilder("Overdraft limit changed");
        if (change.previousOverdraftLimit() != null) {
            text.append(" from ").append(Money.format(change.previousOverdraftLimit(), currency));
        }
        if (change.overdraftLimit() != null) {
            text.append(" to ").append(Money.format(change.overdraftLimit(), currency));
        }
        if (change.changedBy() != null && !change.changedBy().isBlank()) {
            text.append(" by ").append(change.changedBy().strip());
        }
        return text.toString();
    }

    private static Long balanceBefore(BankOperationView operation) {
        if (operation.amount() == null) {
            return null;
        }
        return switch (operation.type()) {
            case "CREDIT" -> operation.balanceAfter() - operation.amount();
            case "DEBIT" -> operation.balanceAfter() + operation.amount();
            default -> null; // a transfer's direction is not in the history row
        };
    }

    /** "+" for money in, "−" for money out; a transfer's direction shows in how the balance moved. */
    private static String sign(BankOperationView operation, Long previousBalance) {
        return switch (operation.type()) {
            case "CREDIT" -> "+";
            case "DEBIT" -> "−";
            default -> {
                if (previousBalance == null) {
                    yield "";
                }
                yield operation.balanceAfter() > previousBalance ? "+" : "−";
            }
        };
    }

    private static String historyType(String type) {
        return switch (type) {
            case "CREDIT" -> "Credit";
            case "DEBIT" -> "Debit";
            case "TRANSFER" -> "Transfer";
            default -> type;
        };
    }

    static UUID parseUuid(String text) {
        try {
            return text == null || text.isBlank() ? null : UUID.fromString(text.strip());
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}

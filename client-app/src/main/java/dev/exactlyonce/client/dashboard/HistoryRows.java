package dev.exactlyonce.client.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.exactlyonce.client.bank.BankOperationView;

/**
 * An account's history at the bank as a person reads it: a table row per operation, with signed amounts and
 * balances, and the balance chart drawn from the same operations.
 */
public final class HistoryRows {

    private final Times times;

    HistoryRows(Times times) {
        this.times = times;
    }

    /**
     * The chart and table of an account's history.
     *
     * @param newestFirst as the bank lists it
     * @param balance the account's balance now, the chart's only point when nothing in the history moved money
     */
    HistoryView history(List<BankOperationView> newestFirst, String currency, long balance, Instant now) {
        Drawn drawn = draw(newestFirst, currency);
        List<BalanceChart.Sample> samples = drawn.samples().isEmpty()
                ? List.of(new BalanceChart.Sample(now, balance)) : drawn.samples();
        return new HistoryView(BalanceChart.of(samples, currency, times.zone()), drawn.rows());
    }

    /**
     * The table alone.
     *
     * @param newestFirst as the bank lists it
     * @return newest first
     */
    public List<HistoryRow> rows(List<BankOperationView> newestFirst, String currency) {
        return draw(newestFirst, currency).rows();
    }

    private Drawn draw(List<BankOperationView> newestFirst, String currency) {
        List<BankOperationView> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        List<BalanceChart.Sample> samples = new ArrayList<>();
        List<HistoryRow> rows = new ArrayList<>();
        Long previous = null;
        for (BankOperationView operation : oldestFirst) {
            if (operation.overdraftLimitChange()) {
                // Moves no money: a row in the table, no point on the chart.
                rows.add(new HistoryRow(times.when(operation.createdAt()), limitChangeText(operation, currency), "—",
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
            rows.add(new HistoryRow(times.when(operation.createdAt()), typeText(operation.type()),
                    operation.amount() == null ? "—" : sign + Money.format(operation.amount(), currency),
                    moved ? Money.format(operation.balanceAfter(), currency) : "unchanged",
                    moved ? "SUCCEEDED" : "REJECTED", moved ? "Done" : "Refused"));
        }
        Collections.reverse(rows);
        return new Drawn(samples, rows);
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

    private static String typeText(String type) {
        return switch (type) {
            case "CREDIT" -> "Credit";
            case "DEBIT" -> "Debit";
            case "TRANSFER" -> "Transfer";
            default -> type;
        };
    }

    /** Balances oldest first for the chart, and table rows newest first. */
    private record Drawn(List<BalanceChart.Sample> samples, List<HistoryRow> rows) {
    }
}

package dev.exactlyonce.client.dashboard;

import java.util.List;

/**
 * An account's history: the chart and the table it is drawn from.
 *
 * @param rows newest first
 */
record HistoryView(BalanceChart chart, List<HistoryRow> rows) {
}

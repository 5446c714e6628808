package dev.exactlyonce.client.dashboard;

import java.util.List;

/**
 * An account's history: the chart and the table it is drawn from.
 *
 * @param rows newest first
 */
record HistoryView(BalanceChart chart, List<Row> rows) {

    /** One bank operation on the account. */
    record Row(String whenText, String typeText, String amountText, String balanceAfterText, String status,
            String statusText) {
    }
}

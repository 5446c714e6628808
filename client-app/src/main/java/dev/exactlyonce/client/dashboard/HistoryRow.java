package dev.exactlyonce.client.dashboard;

/**
 * One bank operation on an account, as the account page's table and the demonstration's ledger show it.
 *
 * @param status {@code SUCCEEDED} or {@code REJECTED}, also used as a CSS class
 */
public record HistoryRow(String whenText, String typeText, String amountText, String balanceAfterText, String status,
        String statusText) {
}

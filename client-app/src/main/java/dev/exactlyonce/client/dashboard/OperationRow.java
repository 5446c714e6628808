package dev.exactlyonce.client.dashboard;

import java.util.List;
import java.util.UUID;

/**
 * One journal entry as the operation log and the result page show it, every text already in plain words.
 *
 * @param key the Idempotency-Key every attempt carried
 * @param status {@code SUCCEEDED}, {@code REJECTED} or {@code IN_DOUBT}, also used as a CSS class
 * @param outcomeText what happened, in plain words
 * @param detail what client-app recorded, for the curious; may be technical
 * @param replayed whether the bank's last answer was the stored outcome of an earlier request
 */
record OperationRow(UUID id, String key, String type, String typeText, String routeText, String amountText,
        String status, String statusText, String outcomeText, String detail, boolean replayed, List<Attempt> attempts,
        String createdText, UUID bankOperationId) {

    public String attemptsText() {
        return attempts.size() == 1 ? "1 attempt" : attempts.size() + " attempts";
    }

    /** One attempt, in one line. */
    record Attempt(int number, String text, boolean replayed, boolean answered) {
    }
}

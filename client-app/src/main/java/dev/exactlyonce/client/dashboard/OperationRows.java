package dev.exactlyonce.client.dashboard;

import java.util.List;

import dev.exactlyonce.client.operation.AttemptView;
import dev.exactlyonce.client.operation.JournalView;

/** Journal entries as the operation log and the result page show them, with one line per attempt. */
final class OperationRows {

    private final Times times;

    OperationRows(Times times) {
        this.times = times;
    }

    OperationRow row(JournalView view) {
        String amount = Money.format(view.amount(), view.currency());
        List<OperationRow.Attempt> attempts = view.attempts() == null ? List.of()
                : view.attempts().stream().map(this::attempt).toList();
        return new OperationRow(view.id(), view.idempotencyKey(), view.type().name(), OutcomeTexts.type(view.type()),
                OutcomeTexts.route(view), amount, view.status().name(), OutcomeTexts.status(view.status()),
                OutcomeTexts.outcome(view, amount), view.outcomeDetail(), view.replayed(), attempts,
                times.when(view.createdAt()), view.bankOperationId());
    }

    List<OperationRow> rows(List<JournalView> views) {
        return views.stream().map(this::row).toList();
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
            result = "no reply (" + ConnectionProblems.describe(attempt.error()) + ")";
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
                "Attempt " + attempt.number() + " at " + times.time(attempt.at()) + ": " + result, attempt.replayed(),
                answered);
    }
}

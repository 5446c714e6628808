package dev.exactlyonce.chaos.workload;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.UUID;

import dev.exactlyonce.chaos.history.ClientOutcome;

/**
 * The HTTP attempts of the workload's operations, shared by its senders: each attempt counted by its
 * outcome, a failure to get any answer waiting before the next, and an operation tried until it has a
 * definite answer or the run's resolution deadline has passed.
 */
record Attempts(HttpClient http, Recorder recorder, Phase phase) {

    /** Whether the operation is still in doubt and may be tried again. */
    boolean goOn(TrackedOperation tracked) {
        return !tracked.isDefinite() && !phase.pastDeadline();
    }

    /**
     * Sends the request; on a timeout or a broken connection counts it, waits, and answers {@code null}:
     * the caller cannot know whether it had an effect and tries again with the same key.
     */
    HttpResponse<byte[]> send(HttpRequest request, Backoff backoff) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException ex) {
            recorder.attempt("timeout", false);
        } catch (IOException ex) {
            recorder.attempt("connection", false);
        }
        backoff.pause(null);
        return null;
    }

    /** Counts an attempt that got an answer, by its status. */
    void answeredWith(int status, boolean definite) {
        recorder.attempt(Integer.toString(status), definite);
    }

    /** Records the operation's definite answer, now. */
    void settle(TrackedOperation tracked, ClientOutcome outcome, UUID bankOperation) {
        tracked.answered(outcome, bankOperation, recorder.clock().millis(), phase.resolving());
    }
}

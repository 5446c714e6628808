package dev.exactlyonce.chaos.workload;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/** One HTTP attempt of the workload, counted by its outcome; a failure to get any answer waits before the next. */
final class Attempts {

    private final HttpClient http;

    private final Recorder recorder;

    Attempts(HttpClient http, Recorder recorder) {
        this.http = http;
        this.recorder = recorder;
    }

    Recorder recorder() {
        return recorder;
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
}

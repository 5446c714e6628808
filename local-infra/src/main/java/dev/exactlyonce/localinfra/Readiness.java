package dev.exactlyonce.localinfra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Waits for a service started from its jar as a child process to say it is ready: its readiness probe
 * ({@code /actuator/health/readiness}) answers 200, as Kubernetes would wait for it.
 */
public final class Readiness {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {
    }

    /**
     * Returns once the service at {@code baseUrl} is ready.
     *
     * @param whereToLook appended to the message when the service exits or is not ready in time, such as
     *        the tail of its log
     * @throws IllegalStateException when the process exits first or the timeout passes
     */
    public static void await(String name, String baseUrl, Process process, Duration timeout, Supplier<String> whereToLook) {
        URI readiness = URI.create(baseUrl + "/actuator/health/readiness");
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + whereToLook.get());
                }
                try {
                    HttpResponse<Void> response = PROBE.send(HttpRequest.newBuilder(readiness)
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, ex);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + whereToLook.get());
    }
}

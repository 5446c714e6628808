package dev.exactlyonce.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.core.env.Environment;

/**
 * Real HTTP to the client-app under test, as one of its configured users. A bean of every
 * {@link ClientIntegrationTest} and dashboard integration test; it reads the random port when a request is
 * made, because the server starts after the bean is created.
 */
public final class ClientHttp {

    private final HttpClient http = HttpClient.newHttpClient();

    private final Environment environment;

    ClientHttp(Environment environment) {
        this.environment = environment;
    }

    /** {@code path} on the running client-app. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port", Integer.class)
                + path);
    }

    /** A request for {@code path} signed in as alice, whose password is her name. */
    public HttpRequest.Builder asAlice(String path) {
        return asAlice(uri(path));
    }

    /** A request for {@code address} signed in as alice. */
    public HttpRequest.Builder asAlice(URI address) {
        return as("alice", "alice", address);
    }

    /** A request for {@code path} with the user's HTTP Basic credentials. */
    public HttpRequest.Builder as(String user, String password, String path) {
        return as(user, password, uri(path));
    }

    private static HttpRequest.Builder as(String user, String password, URI address) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(address).header("Authorization", "Basic " + credentials);
    }

    /** Sends the request and reads the answer as text. */
    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

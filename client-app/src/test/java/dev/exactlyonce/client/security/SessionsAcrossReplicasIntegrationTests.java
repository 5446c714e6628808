package dev.exactlyonce.client.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.exactlyonce.client.AnotherInstance;
import dev.exactlyonce.client.ClientHttp;
import dev.exactlyonce.client.ClientIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A browser behind a load balancer that sends each request to either of two client-app replicas: its sign-in,
 * and the CSRF token its session carries, live in the journal's PostgreSQL (Spring Session JDBC), so either
 * replica serves it. Real HTTP, the session cookie carried by hand from one replica to the other.
 */
@ClientIntegrationTest
class SessionsAcrossReplicasIntegrationTests {

    private static final Pattern SESSION = Pattern.compile("^SESSION=([^;]+)");

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String cookie;

    @Test
    void aUserSignedInOnOneReplicaStaysSignedInOnTheOtherAndSignsOutOfBoth(@Autowired ClientHttp http)
            throws Exception {
        String one = http.uri("").toString();
        try (ConfigurableApplicationContext instance = AnotherInstance.start()) {
            String other = AnotherInstance.url(instance);
            assertThat(get(other, "/dashboard").statusCode()).as("not signed in yet").isEqualTo(302);

            String signInToken = CsrfTokens.of(get(one, "/login").body());
            HttpResponse<String> signedIn = post(one, "/login",
                    "username=alice&password=alice&_csrf=" + encode(signInToken));
            assertThat(signedIn.statusCode()).isEqualTo(302);
            // Back to the page the other replica was asked for: the saved request is in the shared session too.
            assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).contains("/dashboard"));

            HttpResponse<String> there = get(other, "/dashboard");
            assertThat(there.statusCode()).as("the other replica knows the session").isEqualTo(200);
            assertThat(there.body()).contains("Signed in as <strong>alice</strong>");

            // A token from a page the first replica drew is good on the other: it lives in the shared session.
            String token = CsrfTokens.of(get(one, "/dashboard").body());
            assertThat(post(other, "/logout", "_csrf=wrong-token").statusCode()).as("a wrong token is refused")
                    .isEqualTo(403);
            HttpResponse<String> signedOut = post(other, "/logout", "_csrf=" + encode(token));
            assertThat(signedOut.statusCode()).isEqualTo(302);
            assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login?logout"));

            HttpResponse<String> back = get(one, "/dashboard");
            assertThat(back.statusCode()).as("signed out on the first replica too").isEqualTo(302);
            assertThat(back.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
        }
    }

    private HttpResponse<String> get(String base, String path) throws IOException, InterruptedException {
        return send(request(base, path).GET());
    }

    private HttpResponse<String> post(String base, String path, String form) throws IOException, InterruptedException {
        return send(request(base, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpRequest.Builder request(String base, String path) {
        // As a browser asks: an unauthenticated page request is sent to the sign-in page, not challenged.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html");
        return cookie == null ? request : request.header("Cookie", "SESSION=" + cookie);
    }

    /** Sends the request with the session cookie, and keeps whatever session cookie the answer sets. */
    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        response.headers().allValues("Set-Cookie").forEach(header -> {
            Matcher session = SESSION.matcher(header);
            if (session.find()) {
                cookie = session.group(1).isEmpty() ? null : session.group(1);
            }
        });
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

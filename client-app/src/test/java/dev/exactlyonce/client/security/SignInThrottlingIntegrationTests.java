package dev.exactlyonce.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.exactlyonce.client.ClientHttp;
import dev.exactlyonce.client.ClientIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed sign-ins against the real client-app (its journal in real PostgreSQL), over real HTTP. Each test
 * comes from a client address of its own: Tomcat takes it from {@code X-Forwarded-For}, as behind a proxy,
 * so the tests' counts per address do not meet. Limits here: 5 failures per user name, 10 per address, a
 * first back-off of 8 s (ample for a loaded machine to send the 25 refused requests within it).
 */
@ClientIntegrationTest
@TestPropertySource(properties = {
        "server.forward-headers-strategy=native",
        "client.sign-in-throttle.user-failures=5",
        "client.sign-in-throttle.address-failures=10",
        "client.sign-in-throttle.window=1m",
        "client.sign-in-throttle.initial-back-off=8s",
        "client.sign-in-throttle.max-back-off=1m",
        "client.users.carol.password=carol-secret", "client.users.carol.token=carol-token",
        "client.users.dave.password=dave-secret", "client.users.dave.token=dave-token",
        "client.users.erin.password=erin-secret", "client.users.erin.token=erin-token",
        "client.users.frank.password=frank-secret", "client.users.frank.token=frank-token",
        "client.users.grace.password=grace-secret", "client.users.grace.token=grace-token",
        "client.users.gina.password=gina-secret", "client.users.gina.token=gina-token" })
class SignInThrottlingIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ClientHttp http;

    @Test
    void thirtyWrongPasswordsAreRefusedWith429AfterTheFifthAndSoIsTheRightOne() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 30; i++) {
            last = basic("carol", "guess-" + i, "203.0.113.1");
            statuses.add(last.statusCode());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 30)).containsOnly(429);
        assertThat(last.headers().firstValueAsLong("Retry-After").orElseThrow()).isBetween(1L, 8L);
        assertThat(last.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(last.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://exactly-once.dev/problems/client/sign-in-throttled");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(basic("carol", "carol-secret", "203.0.113.1").statusCode())
                .as("while throttled the password is not checked: the right one is refused too").isEqualTo(429);
        assertThat(basic("carol", "carol-secret", "203.0.113.99").statusCode())
                .as("the user is throttled from every address").isEqualTo(429);
    }

    @Test
    void theBackOffRunsOutOnItsOwnAndTheRightPasswordThenGetsIn() throws Exception {
        failSignIns("dave", "203.0.113.2", 5);
        HttpResponse<String> throttled = basic("dave", "dave-secret", "203.0.113.2");
        assertThat(throttled.statusCode()).isEqualTo(429);
        long retryAfter = throttled.headers().firstValueAsLong("Retry-After").orElseThrow();

        // Asking with the right password while throttled is neither checked nor counted, so it cannot prolong it.
        await().atMost(Duration.ofSeconds(retryAfter + 30)).pollInterval(Duration.ofMillis(500))
                .until(() -> basic("dave", "dave-secret", "203.0.113.2").statusCode() == 200);
    }

    @Test
    void aSuccessfulSignInForgetsTheUsersFailures() throws Exception {
        failSignIns("erin", "203.0.113.3", 4);
        assertThat(basic("erin", "erin-secret", "203.0.113.3").statusCode()).isEqualTo(200);

        // Had the success not cleared the count, the second of these would already be refused as throttled.
        failSignIns("erin", "203.0.113.3", 4);
        assertThat(basic("erin", "erin-secret", "203.0.113.3").statusCode()).isEqualTo(200);
    }

    @Test
    void anotherUserFromTheSameAddressIsThrottledOnlyAfterTheAddressLimit() throws Exception {
        failSignIns("frank", "203.0.113.4", 5);
        assertThat(basic("frank", "frank-secret", "203.0.113.4").statusCode()).isEqualTo(429);

        // Failures 6 to 10 from the address, for other names: checked, until the address reaches its limit.
        failSignIns("grace", "203.0.113.4", 4);
        assertThat(basic("henry", "guess", "203.0.113.4").statusCode()).as("address failure 10").isEqualTo(401);
        assertThat(basic("grace", "grace-secret", "203.0.113.4").statusCode()).isEqualTo(429);
        assertThat(basic("someone-new", "anything", "203.0.113.4").statusCode())
                .as("a spray of names from one address stops at its limit").isEqualTo(429);
        assertThat(basic("grace", "grace-secret", "203.0.113.5").statusCode())
                .as("grace herself is below her own limit (4 failures), from elsewhere").isEqualTo(200);
    }

    @Test
    void aThrottledFormSignInShowsTheSignInPageWithTheReason() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String address = "203.0.113.6";
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(http.uri("/login"))
                .header("X-Forwarded-For", address).GET().build(), HttpResponse.BodyHandlers.ofString());
        String csrf = CsrfTokens.of(page.body());

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> refused = formSignIn(browser, "gina", "guess-" + i, csrf, address);
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login?error"));
        }
        HttpResponse<String> throttled = formSignIn(browser, "gina", "gina-secret", csrf, address);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(throttled.body()).contains("id=\"sign-in-throttled\"").contains("signing in is paused for")
                .contains("Your password was not checked").doesNotContain("do not match")
                .contains("name=\"password\"");
    }

    private HttpResponse<String> formSignIn(HttpClient browser, String user, String password, String csrf,
            String address) throws IOException, InterruptedException {
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(csrf);
        return browser.send(HttpRequest.newBuilder(http.uri("/login")).header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} wrong passwords for {@code user} from {@code address}, each checked and refused. */
    private void failSignIns(String user, String address, int count) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            assertThat(basic(user, "guess-" + i, address).statusCode()).as("wrong password %d for %s", i + 1, user)
                    .isEqualTo(401);
        }
    }

    private HttpResponse<String> basic(String user, String password, String address)
            throws IOException, InterruptedException {
        return http.send(http.as(user, password, "/api/operations").header("X-Forwarded-For", address).GET());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

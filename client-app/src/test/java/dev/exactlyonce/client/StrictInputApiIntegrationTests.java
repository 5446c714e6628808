package dev.exactlyonce.client;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import dev.exactlyonce.idempotency.IdempotencyHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * client-app's own API reads JSON by the bank's rules: members named twice, unprintable text and bytes
 * that are not UTF-8 are refused with a problem naming the field, before anything is journaled or sent.
 */
@ClientIntegrationTest
class StrictInputApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ClientHttp http;

    @Autowired
    DataSource dataSource;

    private final UUID account = UUID.randomUUID();

    @Test
    void refusesAMemberNamedTwiceAtTheTopLevel() throws Exception {
        String key = key();

        HttpResponse<String> response = post(key, """
                {"type":"DEBIT","accountId":"%s","amount":10,"amount":900,"currency":"EUR"}""".formatted(account));

        assertRefused(response, key, 400, "malformed-json", "/amount");
    }

    @Test
    void refusesAMemberNamedTwiceInANestedValue() throws Exception {
        String key = key();

        HttpResponse<String> response = post(key, """
                {"type":"DEBIT","accountId":"%s","amount":10,"currency":"EUR","meta":{"a":1,"a":2}}""".formatted(account));

        assertRefused(response, key, 400, "malformed-json", "/meta/a");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\\u0000", "a\\u0000b", "\\u0007", "\\u001b[2J", "\\n", "\\u0085", "\\u202e", "\\ud800", "\\uffff" })
    void refusesUnprintableDescriptions(String escaped) throws Exception {
        String key = key();

        HttpResponse<String> response = post(key, """
                {"type":"DEBIT","accountId":"%s","amount":10,"currency":"EUR","description":"%s"}""".formatted(account, escaped));

        assertRefused(response, key, 400, "invalid-text", "/description");
    }

    @Test
    void refusesTextThatIsNotAJsonString() throws Exception {
        String key = key();

        HttpResponse<String> response = post(key, """
                {"type":"DEBIT","accountId":"%s","amount":10,"currency":"EUR","description":12.5}""".formatted(account));

        assertRefused(response, key, 400, "invalid-operation", "/description");
    }

    @Test
    void refusesInvalidUtf8AndOtherCharsets() throws Exception {
        String key = key();
        byte[] json = """
                {"type":"DEBIT","accountId":"%s","amount":10,"currency":"EUR","description":"caf@"}""".formatted(account)
                .getBytes(StandardCharsets.UTF_8);
        json[json.length - 3] = (byte) 0xE9;

        assertRefused(http.send(postBytes(key, "application/json", json)), key, 400, "malformed-json", null);
        assertRefused(http.send(postBytes(key, "application/json;charset=ISO-8859-1", json)), key, 415, "unsupported-media-type", null);
    }

    @Test
    void startsEveryJournalSessionWithTheConfiguredTimeouts() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(show(statement, "lock_timeout")).isEqualTo("2s");
            assertThat(show(statement, "statement_timeout")).isEqualTo("5s");
            assertThat(show(statement, "idle_in_transaction_session_timeout")).isEqualTo("10s");
        }
    }

    private void assertRefused(HttpResponse<String> response, String key, int status, String kind, String field)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://exactly-once.dev/problems/client/" + kind);
        if (field != null) {
            assertThat(problem.get("field").asString()).isEqualTo(field);
        }
        assertThat(BankStub.requestsTo("/api/v1/accounts/" + account + "/debits")).as("nothing sent to the bank").isEmpty();
        JsonNode journal = JSON.readTree(http.send(http.asAlice("/api/operations").GET()).body());
        assertThat(journal.valueStream().map(entry -> entry.get("idempotencyKey").asString())).doesNotContain(key);
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rs = statement.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private HttpResponse<String> post(String key, String json) throws IOException, InterruptedException {
        return http.send(postBytes(key, "application/json", json.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder postBytes(String key, String contentType, byte[] body) {
        return http.asAlice("/api/operations")
                .header("Content-Type", contentType)
                .header(IdempotencyHeaders.KEY, key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static String key() {
        return "strict-" + UUID.randomUUID();
    }
}

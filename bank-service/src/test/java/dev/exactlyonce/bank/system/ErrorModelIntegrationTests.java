package dev.exactlyonce.bank.system;

import java.net.http.HttpRequest;

import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** No default error bodies: every failure, expected or not, is a problem with a stable type and no internals. */
@BankIntegrationTest
class ErrorModelIntegrationTests {

    @Autowired
    BankHttp api;

    @Test
    void answersAnUnexpectedHandlerFailureWith500ProblemWithoutInternals() {
        BankHttp.Reply reply = api.send(api.request(BankHttp.ALICE, FailureProbes.HANDLER_PATH)
                .header("X-Request-Id", "probe-handler-1").GET());

        assertInternalError(reply);
        assertThat(reply.json().get("requestId").asString()).isEqualTo("probe-handler-1");
        assertThat(reply.header("X-Request-Id")).isEqualTo("probe-handler-1");
    }

    @Test
    void answersAFailureThrownInAFilterWith500ProblemWithoutInternals() {
        BankHttp.Reply reply = api.get(BankHttp.ALICE, FailureProbes.FILTER_PATH);

        assertInternalError(reply);
        assertThat(reply.json().get("requestId").asString()).isNotBlank().isEqualTo(reply.header("X-Request-Id"));
    }

    @Test
    void mintsARequestIdWhenTheOfferedOneIsMissingOrMalformed() {
        BankHttp.Reply missing = api.get(BankHttp.ALICE, "/api/v1/accounts");
        BankHttp.Reply malformed = api.send(api.request(BankHttp.ALICE, "/api/v1/accounts")
                .header("X-Request-Id", "has space and ; semicolon").GET());

        assertThat(missing.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(malformed.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void answersAnUnknownPathWith404Problem() {
        assertProblem(api.get(BankHttp.ALICE, "/api/v1/no-such-thing"), 404, "not-found");
        assertProblem(api.get(BankHttp.ALICE, "/api/v1/accounts/" + java.util.UUID.randomUUID() + "/nothing"), 404,
                "not-found");
    }

    @Test
    void answersAnUnsupportedMethodWith405Problem() {
        assertProblem(api.send(api.request(BankHttp.ALICE, "/api/v1/accounts").DELETE()), 405, "method-not-allowed");
        assertProblem(api.send(api.request(BankHttp.ALICE, "/api/v1/transfers").GET()), 405, "method-not-allowed");
    }

    @Test
    void answersAnUnsupportedContentTypeWith415Problem() {
        BankHttp.Reply reply = api.send(api.request(BankHttp.ALICE, "/api/v1/transfers")
                .header("Content-Type", "text/plain").header("Idempotency-Key", "k-415")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertProblem(reply, 415, "unsupported-media-type");
    }

    @Test
    void answersAnUnacceptableAcceptHeaderWith406Problem() {
        BankHttp.Reply reply = api.send(api.request(BankHttp.ALICE, "/api/v1/accounts").header("Accept", "application/xml").GET());

        assertProblem(reply, 406, "not-acceptable");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/error", "/error?x=1" })
    void answersTheErrorPathItselfWithAProblem(String path) {
        assertProblem(api.get(null, path), 404, "not-found");
        assertProblem(api.send(api.request(null, path).header("Accept", "text/html").GET()), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/accounts/a%2Fb", "/api/v1/accounts/%2e%2e/x", "/api/v1/accounts/a%00b",
            "/api/v1/accounts/a;b=c", "/api/v1//accounts", "/api/v1/accounts/%E9%ff" })
    void answersPathsTheFirewallRefusesWithAProblem(String path) {
        BankHttp.Reply reply = api.get(BankHttp.ALICE, path);

        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asString()).startsWith("https://exactly-once.dev/problems/");
    }

    private static void assertInternalError(BankHttp.Reply reply) {
        assertProblem(reply, 500, "internal-error");
        assertThat(reply.body()).doesNotContain("secret", "internal_table", "Exception", "dev.exactlyonce", "XX000",
                "\tat ");
        assertThat(reply.json().get("detail").asString()).doesNotContainIgnoringCase("select");
    }

    private static void assertProblem(BankHttp.Reply reply, int status, String kind) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/" + kind);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    }
}

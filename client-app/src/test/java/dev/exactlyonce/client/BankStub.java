package dev.exactlyonce.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.exactlyonce.idempotency.IdempotencyHeaders;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A WireMock "bank" shared by the JVM's fault tests: it answers what each test scripts, fails the way
 * each test asks (resets, empty replies, slow replies, 5xx, 409), and records every request it saw.
 */
public final class BankStub {

    private static final WireMockServer SERVER = start();

    private BankStub() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .containerThreads(20).asynchronousResponseEnabled(false));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "bank-stub-shutdown"));
        return server;
    }

    public static WireMockServer server() {
        return SERVER;
    }

    public static String url() {
        return "http://127.0.0.1:" + SERVER.port();
    }

    /** The requests that carried this Idempotency-Key, in the order they arrived. */
    public static List<LoggedRequest> requestsWithKey(String key) {
        return SERVER.findAll(WireMock.anyRequestedFor(WireMock.anyUrl())
                .withHeader(IdempotencyHeaders.KEY, WireMock.equalTo(key)));
    }

    /** Every request to this path, in the order they arrived. */
    public static List<LoggedRequest> requestsTo(String path) {
        return SERVER.findAll(WireMock.anyRequestedFor(WireMock.urlPathEqualTo(path)));
    }

    /** The bank answers POSTs to the path with these replies in order, then repeats the last one. */
    public static void script(String path, ResponseDefinitionBuilder... replies) {
        String scenario = "script-" + path;
        for (int i = 0; i < replies.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "reply-" + i;
            var stub = WireMock.post(WireMock.urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(replies[i]);
            if (i + 1 < replies.length) {
                stub = stub.willSetStateTo("reply-" + (i + 1));
            }
            SERVER.stubFor(stub);
        }
    }

    /** The bank's 201 for a money movement. */
    public static ResponseDefinitionBuilder created(UUID operationId, UUID accountId, long amount, boolean replayed) {
        ResponseDefinitionBuilder response = WireMock.aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("Location", "/api/v1/operations/" + operationId)
                .withBody("""
                        {"operationId":"%s","type":"DEBIT","accountId":"%s","amount":%d,"currency":"EUR",
                         "balanceAfter":%d,"status":"COMPLETED","createdAt":"2026-01-01T10:00:00Z"}"""
                        .formatted(operationId, accountId, amount, 100_000 - amount));
        return replayed ? response.withHeader(IdempotencyHeaders.REPLAYED, "true") : response;
    }

    /** A problem reply such as the bank's 409 "in progress" or 503. */
    public static ResponseDefinitionBuilder problem(int status, String kind, String title) {
        return WireMock.aResponse().withStatus(status)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("""
                        {"type":"https://exactly-once.dev/problems/%s","title":"%s","status":%d,"detail":"scripted"}"""
                        .formatted(kind, title, status));
    }

    /** Points a test context's client at the stub. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("bankStub", Map.of("client.bank-url", url())));
        }
    }
}

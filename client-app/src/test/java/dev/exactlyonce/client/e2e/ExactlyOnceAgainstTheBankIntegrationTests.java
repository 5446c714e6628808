package dev.exactlyonce.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.exactlyonce.client.ServiceProcess;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import dev.exactlyonce.localinfra.PostgresServer;
import dev.exactlyonce.localinfra.RealServers;
import dev.exactlyonce.localinfra.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real thing end to end: bank-service's jar and client-app's jar as child processes, the bank's ledger
 * and client-app's journal in a real PostgreSQL (separate databases), the bank's Redis real too, and a real
 * TCP proxy between them that loses or holds replies after the bank has committed. No mocks.
 */
class ExactlyOnceAgainstTheBankIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Path BANK_JAR = Path.of("..", "bank-service", "target", "bank-service.jar");

    private static final Path CLIENT_JAR = Path.of("target", "client-app.jar");

    private static final Path GATEWAY_JAR = Path.of("..", "gateway", "target", "gateway.jar");

    /** Each service logs every request it serves, so a test can follow one through their log lines. */
    private static final String LOG_REQUESTS = "--logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG";

    /** The correlation part of a log line: {@code [<trace id>,<span id>]}. */
    private static final Pattern TRACE = Pattern.compile("\\[([0-9a-f]{32}),([0-9a-f]{16})\\]");

    private static final String ALICE_TOKEN = "alice-local-token";

    private static ServiceProcess bank;

    private static String journalUrl;

    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeAll
    static void startTheBank() throws SQLException {
        RealServers servers = RealServers.shared();
        PostgresServer postgres = servers.postgres();
        String suffix = Long.toString(System.nanoTime(), 36);
        String bankUrl = createDatabase(postgres, "bank_e2e_" + suffix);
        journalUrl = createDatabase(postgres, "client_e2e_" + suffix);
        bank = ServiceProcess.start("bank-service", BANK_JAR, List.of(
                "--spring.profiles.active=local",
                "--spring.datasource.url=" + bankUrl,
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.data.redis.host=" + servers.redis().host(),
                "--spring.data.redis.port=" + servers.redis().port(),
                LOG_REQUESTS));
    }

    @AfterAll
    static void stopTheBank() throws InterruptedException {
        if (bank != null) {
            bank.close();
        }
    }

    @AfterEach
    void stopWhatTheTestStarted() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void aDebitThroughTheGatewayCarriesOneTraceIdIntoTheLogLinesOfAllThreeServices() throws Exception {
        UUID account = openAccount();
        RedisServer redis = RealServers.shared().redis();
        // The gateway in the prod profile, so its lines are the JSON ones production writes.
        ServiceProcess gateway = track(ServiceProcess.start("gateway", GATEWAY_JAR, List.of(
                "--spring.profiles.active=prod",
                "--gateway.bank-uri=" + bank.url(),
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                LOG_REQUESTS)));
        ServiceProcess client = track(startClient(gateway.url(), Duration.ofSeconds(5)));
        String credit = "trace-credit-" + UUID.randomUUID();
        submit(client, "CREDIT", account, 1_000, credit);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(journaledStatus(credit)));
        String debit = "trace-debit-" + UUID.randomUUID();

        submit(client, "DEBIT", account, 300, debit);

        // On a loaded machine the first attempt may outlast the answer wait; the round goes on behind it.
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(journaledStatus(debit)));
        String debitPath = "/api/v1/accounts/" + account + "/debits";
        String submission = client.logLines().stream()
                .filter(line -> line.contains("POST \"/api/operations\"")).reduce((first, last) -> last).orElseThrow();
        Matcher trace = TRACE.matcher(submission);
        assertThat(trace.find()).as("a trace id in client-app's line: " + submission).isTrue();
        String traceId = trace.group(1);
        assertThat(gateway.logLines()).as("the gateway's JSON lines of trace " + traceId)
                .anySatisfy(line -> assertThat(line).startsWith("{").contains("\"traceId\":\"" + traceId + "\"")
                        .contains(debitPath));
        assertThat(bank.logLines()).as("bank-service's lines of trace " + traceId)
                .anySatisfy(line -> assertThat(line).contains("[" + traceId + ",").contains(debitPath));
        assertThat(bank.logLines()).as("no other request of the bank's is in this trace")
                .filteredOn(line -> line.contains("[" + traceId + ",") && line.contains("POST \""))
                .allSatisfy(line -> assertThat(line).contains(debitPath));
    }

    @Test
    void aReplyLostAfterTheBankCommittedEndsSucceededWithExactlyOneLedgerEffect() throws Exception {
        UUID account = openAccount();
        ReplyProxy proxy = track(new ReplyProxy(bank.port()));
        proxy.mode(ReplyProxy.Mode.DROP_NEXT_REPLY);
        ServiceProcess client = track(startClient(proxy, Duration.ofSeconds(5)));
        String key = "lost-reply-" + UUID.randomUUID();

        JsonNode view = submitCredit(client, account, 1_000, key);

        assertThat(view.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(view.get("replayed").asBoolean()).as("the second attempt got the stored outcome").isTrue();
        assertThat(proxy.repliesDropped()).isEqualTo(1);
        String field = journaledField(key);
        assertThat(proxy.moneyRequests()).hasSize(2).allSatisfy(request -> assertThat(request.idempotencyKey()).isEqualTo(field));
        assertExactlyOneCredit(account, 1_000);
    }

    @Test
    void aClientKilledMidAttemptResumesWithTheOriginalKeyAfterRestartAndTheLedgerShowsOneEffect() throws Exception {
        UUID account = openAccount();
        ReplyProxy proxy = track(new ReplyProxy(bank.port()));
        proxy.mode(ReplyProxy.Mode.HOLD_REPLIES);
        // A read timeout longer than the test: the first attempt is still waiting for its reply when killed.
        ServiceProcess first = track(startClient(proxy, Duration.ofSeconds(120)));
        String key = "killed-" + UUID.randomUUID();

        CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(() -> submitCredit(first, account, 2_500, key));
        await().atMost(Duration.ofSeconds(30)).until(() -> proxy.repliesHeld() == 1);
        assertThat(answer.get().get("status").asString()).as("answered after answer-wait, still trying").isEqualTo("IN_DOUBT");
        first.kill();

        assertThat(journaledStatus(key)).as("the journal survived the kill").isEqualTo("IN_DOUBT");
        assertThat(balance(account)).as("the bank committed before the reply was lost").isEqualTo(2_500);
        proxy.release();

        ServiceProcess second = track(startClient(proxy, Duration.ofSeconds(5)));

        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(journaledStatus(key)));
        JsonNode resumed = operationWithKey(second, key);
        assertThat(resumed.get("replayed").asBoolean()).isTrue();
        JsonNode attempts = resumed.get("attempts");
        assertThat(attempts.size()).isEqualTo(2);
        assertThat(attempts.get(0).get("error").asString()).contains("client-app stopped");
        assertThat(attempts.get(1).get("httpStatus").asInt()).isEqualTo(201);
        assertThat(attempts.get(1).get("replayed").asBoolean()).isTrue();
        String field = journaledField(key);
        assertThat(field).as("a sequenced key with its acknowledgement").matches("s[0-9a-f]{32}\\.[1-9][0-9]*;ack=[0-9]+");
        assertThat(proxy.moneyRequests()).as("the resumed attempt sent the very field the killed one did").hasSize(2)
                .allSatisfy(request -> assertThat(request.idempotencyKey()).isEqualTo(field));
        assertThat(proxy.answers()).as("the bank's replies, the held one included").hasSize(2)
                .extracting(ReplyProxy.Answered::status).doesNotContain(410).containsOnly(201);
        assertExactlyOneCredit(account, 2_500);
    }

    @Test
    void twoClientAppsOnOneJournalTheOneKilledMidRoundHasItsOperationsFinishedByTheOtherWithTheirOriginalKeys()
            throws Exception {
        UUID account = openAccount();
        ReplyProxy proxy = track(new ReplyProxy(bank.port()));
        proxy.mode(ReplyProxy.Mode.HOLD_REPLIES);
        ServiceProcess doomed = track(startClient(proxy, Duration.ofSeconds(120)));
        ServiceProcess survivor = track(startClient(proxy, Duration.ofSeconds(5)));
        List<String> keys = List.of("replica-1-" + UUID.randomUUID(), "replica-2-" + UUID.randomUUID(),
                "replica-3-" + UUID.randomUUID());

        List<CompletableFuture<JsonNode>> answers = keys.stream()
                .map(key -> CompletableFuture.supplyAsync(() -> submitCredit(doomed, account, 1_000, key))).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> proxy.repliesHeld() == keys.size());
        for (CompletableFuture<JsonNode> answer : answers) {
            assertThat(answer.get().get("status").asString()).isEqualTo("IN_DOUBT");
        }
        assertThat(proxy.moneyRequests()).as("the live replica's rounds are its own: the other sent nothing")
                .hasSize(keys.size());
        doomed.kill();
        proxy.release();

        for (String key : keys) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(journaledStatus(key)));
        }
        List<String> fields = new ArrayList<>();
        for (String key : keys) {
            String field = journaledField(key);
            fields.add(field);
            assertThat(proxy.moneyRequests()).as("the killed attempt and the survivor's of %s", key)
                    .filteredOn(request -> request.idempotencyKey().equals(field)).hasSizeGreaterThanOrEqualTo(2);
            // On a loaded machine an attempt may fail in transit (a timeout) and be retried with the same field, so
            // the count varies; the order does not: the killed replica's attempts, the one cut short, then the
            // survivor's, the last of which gets the replay.
            JsonNode attempts = operationWithKey(survivor, key).get("attempts");
            List<String> instances = attemptInstances(key);
            assertThat(instances).doesNotContainNull().hasSize(attempts.size());
            int cut = 0;
            while (cut < attempts.size() && !attempts.get(cut).get("error").asString("").contains("client-app stopped")) {
                cut++;
            }
            assertThat(cut).as("an attempt of %s closed as cut short: %s", key, attempts).isLessThan(attempts.size() - 1);
            JsonNode last = attempts.get(attempts.size() - 1);
            assertThat(last.get("httpStatus").asInt()).isEqualTo(201);
            assertThat(last.get("replayed").asBoolean()).isTrue();
            assertThat(instances.subList(0, cut + 1)).as("the killed replica's").containsOnly(instances.get(0));
            assertThat(instances.subList(cut + 1, instances.size())).as("then only the survivor's")
                    .doesNotContain(instances.get(0)).containsOnly(instances.get(cut + 1));
        }
        assertThat(proxy.moneyRequests()).as("nothing but the journaled fields reached the bank")
                .extracting(ReplyProxy.Seen::idempotencyKey).isSubsetOf(fields);
        JsonNode history = bankGet("/api/v1/accounts/" + account + "/operations?page=0&size=100");
        assertThat(history.get("totalItems").asLong()).as("one ledger effect per operation").isEqualTo(keys.size());
        assertThat(balance(account)).isEqualTo(1_000L * keys.size());
    }

    @Test
    void theSameKeySentTwiceThroughClientAppOpensOneAccountAndAnotherCurrencyUnderItOpensNone() throws Exception {
        ReplyProxy proxy = track(new ReplyProxy(bank.port()));
        ServiceProcess client = track(startClient(proxy, Duration.ofSeconds(5)));
        int before = bankAccounts().size();
        String key = "open-twice-" + UUID.randomUUID();

        HttpResponse<String> first = openThroughClient(client, "EUR", key);
        HttpResponse<String> second = openThroughClient(client, "EUR", key);
        HttpResponse<String> otherCurrency = openThroughClient(client, "USD", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        String id = JSON.readTree(first.body()).get("id").asString();
        assertThat(JSON.readTree(second.body()).get("id").asString()).isEqualTo(id);
        assertThat(otherCurrency.statusCode()).as(otherCurrency.body()).isEqualTo(422);
        assertThat(JSON.readTree(otherCurrency.body()).get("type").asString())
                .isEqualTo("https://exactly-once.dev/problems/client/idempotency-key-reused");
        List<JsonNode> after = bankAccounts();
        assertThat(after).hasSize(before + 1);
        assertThat(after).extracting(account -> account.get("id").asString()).contains(id);
    }

    @Test
    void aLostReplyToAnAccountOpeningIsRetriedWithTheSameKeyAndOpensOneAccount() throws Exception {
        ReplyProxy proxy = track(new ReplyProxy(bank.port()));
        ServiceProcess client = track(startClient(proxy, Duration.ofSeconds(5)));
        int before = bankAccounts().size();
        proxy.mode(ReplyProxy.Mode.DROP_NEXT_REPLY);

        // No key from the caller: client-app mints one for this opening and keeps it for every attempt.
        HttpResponse<String> opened = openThroughClient(client, "EUR", null);

        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(proxy.repliesDropped()).isEqualTo(1);
        List<ReplyProxy.Seen> attempts = proxy.moneyRequests().stream()
                .filter(request -> request.path().equals("/api/v1/accounts")).toList();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).idempotencyKey()).isEqualTo(attempts.get(0).idempotencyKey());
        List<JsonNode> after = bankAccounts();
        assertThat(after).as("the bank opened one account, whose reply was lost, and replayed it").hasSize(before + 1);
        assertThat(after).extracting(account -> account.get("id").asString())
                .contains(JSON.readTree(opened.body()).get("id").asString());
    }

    private ServiceProcess startClient(ReplyProxy proxy, Duration readTimeout) {
        return startClient(proxy.url(), readTimeout);
    }

    private ServiceProcess startClient(String bankUrl, Duration readTimeout) {
        return ServiceProcess.start("client-app", CLIENT_JAR, List.of(
                "--spring.profiles.active=local",
                "--spring.datasource.url=" + journalUrl,
                "--spring.datasource.username=" + RealServers.shared().postgres().username(),
                "--spring.datasource.password=" + RealServers.shared().postgres().password(),
                "--client.bank-url=" + bankUrl,
                "--spring.cloud.openfeign.client.config.bank.read-timeout=" + readTimeout.toMillis(),
                "--client.journal.answer-wait=2s",
                "--client.journal.resume-interval=1s",
                "--client.journal.resume-delay=1s",
                // A killed replica is taken for dead within seconds, not the production 20.
                "--client.journal.heartbeat-interval=500ms",
                "--client.journal.instance-timeout=3s",
                LOG_REQUESTS));
    }

    private JsonNode submitCredit(ServiceProcess client, UUID account, long amount, String key) {
        return submit(client, "CREDIT", account, amount, key);
    }

    private JsonNode submit(ServiceProcess client, String type, UUID account, long amount, String key) {
        String body = """
                {"type":"%s","accountId":"%s","amount":%d,"currency":"EUR","description":"e2e"}"""
                .formatted(type, account, amount);
        HttpRequest request = HttpRequest.newBuilder(URI.create(client.url() + "/api/operations"))
                .header("Authorization", basic("alice", "alice"))
                .header("Content-Type", "application/json")
                .header(IdempotencyHeaders.KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode operationWithKey(ServiceProcess client, String key) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(client.url() + "/api/operations"))
                .header("Authorization", basic("alice", "alice")).GET().build());
        return JSON.readTree(response.body()).valueStream()
                .filter(node -> node.get("idempotencyKey").asString().equals(key)).findFirst().orElseThrow();
    }

    private HttpResponse<String> openThroughClient(ServiceProcess client, String currency, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.url() + "/api/accounts"))
                .header("Authorization", basic("alice", "alice"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"currency\":\"" + currency + "\"}"));
        if (key != null) {
            request.header(IdempotencyHeaders.KEY, key);
        }
        return send(request.build());
    }

    /** Alice's accounts as the bank itself lists them. */
    private static List<JsonNode> bankAccounts() {
        List<JsonNode> accounts = new ArrayList<>();
        bankGet("/api/v1/accounts").forEach(accounts::add);
        return accounts;
    }

    private static UUID openAccount() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(bank.url() + "/api/v1/accounts"))
                .header("Authorization", "Bearer " + ALICE_TOKEN)
                .header("Content-Type", "application/json")
                .header(IdempotencyHeaders.KEY, "e2e-open-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString("{\"currency\":\"EUR\"}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(response.body()).get("id").asString());
    }

    private static long balance(UUID account) {
        return bankGet("/api/v1/accounts/" + account).get("balance").asLong();
    }

    /** The bank's own ledger, read directly: one operation, and the balance it produced. */
    private static void assertExactlyOneCredit(UUID account, long amount) {
        JsonNode history = bankGet("/api/v1/accounts/" + account + "/operations?page=0&size=100");
        assertThat(history.get("totalItems").asLong()).isEqualTo(1);
        assertThat(history.get("items").get(0).get("type").asString()).isEqualTo("CREDIT");
        assertThat(history.get("items").get(0).get("amount").asLong()).isEqualTo(amount);
        assertThat(balance(account)).isEqualTo(amount);
    }

    private static JsonNode bankGet(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(bank.url() + path))
                .header("Authorization", "Bearer " + ALICE_TOKEN).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The journal's row, read straight from client-app's PostgreSQL schema. */
    private static String journaledStatus(String key) throws SQLException {
        return journaled("status", key);
    }

    /** The Idempotency-Key field value the journal fixed for the operation: its bank key and acknowledgement. */
    private static String journaledField(String key) throws SQLException {
        return journaled("bank_key || ';ack=' || acknowledged", key);
    }

    /** The instances that sent the operation's attempts, in order, read straight from the journal. */
    private static List<String> attemptInstances(String key) throws SQLException {
        PostgresServer postgres = RealServers.shared().postgres();
        try (Connection connection = DriverManager.getConnection(journalUrl, postgres.username(), postgres.password());
                PreparedStatement query = connection.prepareStatement("""
                        select a.instance_id from client_journal.attempt a
                        join client_journal.operation o on o.id = a.operation_id
                        where o.idempotency_key = ? order by a.number""")) {
            query.setString(1, key);
            List<String> instances = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    instances.add(rows.getString(1));
                }
            }
            return instances;
        }
    }

    private static String journaled(String column, String key) throws SQLException {
        PostgresServer postgres = RealServers.shared().postgres();
        try (Connection connection = DriverManager.getConnection(journalUrl, postgres.username(), postgres.password());
                PreparedStatement query = connection.prepareStatement(
                        "select " + column + " from client_journal.operation where idempotency_key = ?")) {
            query.setString(1, key);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static String createDatabase(PostgresServer postgres, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password())) {
            connection.createStatement().execute("create database " + name);
        }
        return postgres.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        running.add(closeable);
        return closeable;
    }
}

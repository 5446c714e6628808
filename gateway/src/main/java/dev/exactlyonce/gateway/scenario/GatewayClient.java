package dev.exactlyonce.gateway.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.exactlyonce.idempotency.IdempotencyHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls the scenario makes through the gateway. Every {@link #newSession()} is a new
 * {@link HttpClient}: its own connections and no cookie store, as a browser tab opened after a refresh
 * shares nothing with the one before.
 */
final class GatewayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final int OPEN_ATTEMPTS = 3;

    private static final Duration OPEN_RETRY_PAUSE = Duration.ofMillis(200);

    private final URI gateway;

    private final String token;

    GatewayClient(URI gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    URI gateway() {
        return gateway;
    }

    Session newSession() {
        return new Session(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** One session: one HTTP client, used for a few calls and then dropped. */
    final class Session {

        private final HttpClient http;

        private Session(HttpClient http) {
            this.http = http;
        }

        /**
         * Opens an account exactly once: the key is minted once for this opening and sent again with every
         * attempt, so an attempt whose reply was lost, or that found the first still running (409), gets
         * the first one's account instead of opening a second.
         */
        UUID openAccount(String currency) {
            String key = "scenario-open-" + UUID.randomUUID();
            String body = "{\"currency\":\"" + currency + "\"}";
            Reply reply = null;
            IOException lost = null;
            for (int attempt = 1; attempt <= OPEN_ATTEMPTS; attempt++) {
                if (attempt > 1) {
                    pause(OPEN_RETRY_PAUSE);
                }
                try {
                    reply = send(postRequest("/api/v1/accounts", key, body));
                    lost = null;
                    if (reply.status() != 409) {
                        break;
                    }
                } catch (IOException ex) {
                    lost = ex;
                }
            }
            if (lost != null) {
                throw new ScenarioException("could not reach the gateway at " + gateway + ": " + lost, lost);
            }
            return UUID.fromString(require(reply, 201, "open an account").json().get("id").asString());
        }

        void credit(UUID account, long amount, String currency) {
            require(post("/api/v1/accounts/" + account + "/credits", "scenario-credit-" + UUID.randomUUID(),
                    "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"description\":\"scenario opening\"}"),
                    201, "credit the account");
        }

        long balance(UUID account) {
            return require(get("/api/v1/accounts/" + account), 200, "read the balance").json().get("balance").asLong();
        }

        /** Completed debits on the account, as the ledger lists them. */
        long completedDebits(UUID account) {
            JsonNode page = require(get("/api/v1/accounts/" + account + "/operations?page=0&size=100"), 200,
                    "read the operations").json();
            long debits = 0;
            for (JsonNode operation : page.get("items")) {
                if ("DEBIT".equals(operation.get("type").asString()) && "COMPLETED".equals(operation.get("status").asString())) {
                    debits++;
                }
            }
            return debits;
        }

        /** A debit whose reply may be lost: then the result holds the failure instead of a reply. */
        AttemptResult debit(UUID account, long amount, String currency, String key) {
            try {
                return AttemptResult.of(send(postRequest("/api/v1/accounts/" + account + "/debits", key,
                        "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"description\":\"scenario debit\"}")));
            } catch (IOException ex) {
                return AttemptResult.lost(ex);
            }
        }

        /** Asks the gateway to drop the reply of the next {@code count} successful upstream calls. */
        void dropNextReplies(int count) {
            Reply reply = call(HttpRequest.newBuilder(gateway.resolve("/gateway/faults/drop-replies"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"count\":" + count + "}")));
            if (reply.status() == 404) {
                throw new ScenarioException("the gateway's fault mode is off; start it with GATEWAY_FAULTS_ENABLED=true"
                        + " (never in production)");
            }
            require(reply, 204, "arm the fault mode");
        }

        private Reply get(String path) {
            return call(authorized(path).GET());
        }

        private Reply post(String path, String key, String json) {
            return call(postRequest(path, key, json));
        }

        private HttpRequest.Builder postRequest(String path, String key, String json) {
            HttpRequest.Builder request = authorized(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (key != null) {
                request.header(IdempotencyHeaders.KEY, key);
            }
            return request;
        }

        private HttpRequest.Builder authorized(String path) {
            return HttpRequest.newBuilder(gateway.resolve(path)).header("Authorization", "Bearer " + token);
        }

        private Reply call(HttpRequest.Builder request) {
            try {
                return send(request);
            } catch (IOException ex) {
                throw new ScenarioException("could not reach the gateway at " + gateway + ": " + ex, ex);
            }
        }

        private Reply send(HttpRequest.Builder request) throws IOException {
            try {
                HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.body(),
                        response.headers().firstValue(IdempotencyHeaders.REPLAYED).orElse(null));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new ScenarioException("interrupted", ex);
            }
        }

        private static void pause(Duration pause) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new ScenarioException("interrupted", ex);
            }
        }

        private static Reply require(Reply reply, int status, String what) {
            if (reply.status() != status) {
                throw new ScenarioException("could not " + what + ": HTTP " + reply.status() + " " + reply.body());
            }
            return reply;
        }
    }

    /** An HTTP reply, as much of it as the scenario reads. */
    record Reply(int status, String body, String replayed) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JacksonException ex) {
                throw new ScenarioException("the reply is not JSON: " + body, ex);
            }
        }

        boolean isReplay() {
            return "true".equalsIgnoreCase(replayed);
        }
    }
}

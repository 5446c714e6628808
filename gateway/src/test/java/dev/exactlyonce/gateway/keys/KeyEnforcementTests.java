package dev.exactlyonce.gateway.keys;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

class KeyEnforcementTests {

    static final String DEBITS = "/api/v1/accounts/0b5b7c1e-0000-4000-8000-000000000001/debits";

    KeyEnforcement enforcement = new KeyEnforcement(new KeyedEndpoints(new IdempotencyKeyProperties()));

    @Test
    void refusesEveryCreatingPostWithoutKey() throws Exception {
        for (String path : List.of("/api/v1/accounts", DEBITS, DEBITS.replace("debits", "credits"), "/api/v1/transfers")) {
            assertThat(status(request("POST", path))).as(path).isEqualTo(400);
        }
    }

    @Test
    void refusesMoreThanOneKey() throws Exception {
        MockHttpServletRequest twoKeys = request("POST", DEBITS);
        twoKeys.addHeader("Idempotency-Key", "a");
        twoKeys.addHeader("Idempotency-Key", "b");

        assertThat(status(twoKeys)).isEqualTo(400);
    }

    @Test
    void passesAKeyedPostAndEverythingElse() throws Exception {
        MockHttpServletRequest keyed = request("POST", DEBITS);
        keyed.addHeader("Idempotency-Key", "order-17:debit");

        MockHttpServletRequest keyedOpening = request("POST", "/api/v1/accounts");
        keyedOpening.addHeader("Idempotency-Key", "open-eur-1");

        assertThat(status(keyed)).isEqualTo(204);
        assertThat(status(keyedOpening)).isEqualTo(204);
        assertThat(status(request("GET", "/api/v1/accounts"))).as("reading accounts needs no key").isEqualTo(204);
        assertThat(status(request("GET", "/api/v1/accounts/0b5b7c1e-0000-4000-8000-000000000001"))).isEqualTo(204);
        assertThat(status(request("PUT", "/api/v1/accounts/0b5b7c1e-0000-4000-8000-000000000001/overdraft-limit")))
                .as("setting a limit is idempotent by itself").isEqualTo(204);
        assertThat(status(request("GET", DEBITS))).isEqualTo(204);
    }

    @Test
    void acceptsOnlyOneTo255VisibleAsciiCharacters() {
        assertThat(KeyEnforcement.formProblem("a")).isNull();
        assertThat(KeyEnforcement.formProblem("~".repeat(255))).isNull();
        assertThat(KeyEnforcement.formProblem("")).contains("empty");
        assertThat(KeyEnforcement.formProblem("k".repeat(256))).contains("256");
        assertThat(KeyEnforcement.formProblem("two words")).contains("U+0020");
        assertThat(KeyEnforcement.formProblem("line\r\nbreak")).contains("U+000D");
        assertThat(KeyEnforcement.formProblem("café")).contains("U+00E9");
    }

    private int status(MockHttpServletRequest servlet) throws Exception {
        ServerResponse response = enforcement.filter(ServerRequest.create(servlet, List.of()),
                request -> ServerResponse.noContent().build());
        return response.statusCode().value();
    }

    private static MockHttpServletRequest request(String method, String path) {
        return new MockHttpServletRequest(method, path);
    }
}

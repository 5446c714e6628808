package dev.exactlyonce.gateway.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.exactlyonce.bank.contract.BankApiContract;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's keyed paths, as its application.yml configures them, against bank-service's checked-in OpenAPI
 * document ({@value BankApiContract#FILE}). The first test is the contract; the others break a copy of the
 * document or of the list and show that the check notices.
 */
class KeyedPathsContractTests {

    @Test
    void keyedPathsAreExactlyTheOperationsThatRequireTheKey() {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(KeyProperties.class)
                .run(context -> {
                    IdempotencyKeyProperties configured = context.getBean(IdempotencyKeyProperties.class);

                    assertThat(configured.getKeyedPaths()).isNotEmpty();
                    assertThat(KeyedPathsContract.violations(BankApiContract.checkedIn(), configured)).isEmpty();
                });
    }

    @Test
    void reportsAKeyedOperationTheGatewayDoesNotKnow() {
        assertThat(violationsAfter(document -> {
            ObjectNode paths = (ObjectNode) document.get("paths");
            paths.set("/api/v1/accounts/{accountId}/refunds", paths.get("/api/v1/accounts/{accountId}/credits").deepCopy());
        })).containsExactly("POST /api/v1/accounts/{accountId}/refunds requires Idempotency-Key, but the gateway does not "
                + "hold it keyed");
    }

    @Test
    void reportsAPathKeyedAtTheGatewayThatTheBankNoLongerDeduplicates() {
        assertThat(violationsAfter(document -> ((ArrayNode) document.at("/paths/~1api~1v1~1transfers/post/parameters"))
                .removeIf(parameter -> parameter.path("name").asString().equals("Idempotency-Key"))))
                .containsExactlyInAnyOrder(
                        "POST /api/v1/transfers is keyed at the gateway, but bank-service does not require Idempotency-Key "
                                + "there (it would not de-duplicate a retry)",
                        "gateway.idempotency.keyed-paths '/api/v1/transfers' names no operation that requires Idempotency-Key");
    }

    @Test
    void reportsAMissingAndAStaleEntryInTheList() {
        IdempotencyKeyProperties properties = new IdempotencyKeyProperties();
        List<String> paths = new ArrayList<>(properties.getKeyedPaths());
        paths.remove("/api/v1/accounts/{accountId}/debits");
        paths.add("/api/v1/accounts/{accountId}/overdraft-limit");
        properties.setKeyedPaths(paths);

        assertThat(KeyedPathsContract.violations(BankApiContract.checkedIn(), properties)).containsExactlyInAnyOrder(
                "POST /api/v1/accounts/{accountId}/debits requires Idempotency-Key, but the gateway does not hold it keyed",
                "gateway.idempotency.keyed-paths '/api/v1/accounts/{accountId}/overdraft-limit' names no operation that "
                        + "requires Idempotency-Key");
    }

    private static List<String> violationsAfter(Consumer<JsonNode> breakage) {
        JsonNode document = BankApiContract.checkedIn().json();
        breakage.accept(document);
        return KeyedPathsContract.violations(BankApiContract.of(document), new IdempotencyKeyProperties());
    }

    @EnableConfigurationProperties(IdempotencyKeyProperties.class)
    static class KeyProperties {
    }
}

package dev.exactlyonce.client.bank;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.exactlyonce.bank.contract.BankApiContract;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * client-app's Feign interfaces against bank-service's checked-in OpenAPI document ({@value BankApiContract#FILE}),
 * which bank-service's build keeps equal to what it serves. The first test is the contract; the others break a
 * copy of the document the way an API change would and show that the check notices.
 */
class BankApiContractTests {

    private static final String CREDITS = "/paths/~1api~1v1~1accounts~1{accountId}~1credits";

    private static final String TRANSFERS = "/paths/~1api~1v1~1transfers/post";

    @Test
    void feignClientsAgreeWithBankServicesDocument() {
        List<Class<?>> clients = feignClients();

        assertThat(clients).as("@FeignClient interfaces of client-app").contains(BankApiClient.class);
        assertThat(FeignContract.violations(BankApiContract.checkedIn(), clients.toArray(Class<?>[]::new))).isEmpty();
    }

    @Test
    void reportsAnOperationTheDocumentNoLongerHas() {
        assertThat(violationsAfter(document -> ((ObjectNode) document.get("paths")).remove("/api/v1/accounts/{accountId}/debits")))
                .containsExactly("BankApiClient.debit (POST /api/v1/accounts/{accountId}/debits): the document has no such operation");
    }

    @Test
    void reportsAnOperationWhoseMethodChanged() {
        assertThat(violationsAfter(document -> {
            ObjectNode credits = (ObjectNode) document.at(CREDITS);
            credits.set("put", credits.remove("post"));
        })).containsExactly("BankApiClient.credit (POST /api/v1/accounts/{accountId}/credits): the document has no such operation");
    }

    @Test
    void reportsAKeySentWhereTheBankNoLongerDeduplicates() {
        assertThat(violationsAfter(document -> header(document, CREDITS + "/post", "Idempotency-Key", ArrayNode::remove)))
                .containsExactly("BankApiClient.credit (POST /api/v1/accounts/{accountId}/credits): sends the header "
                        + "'idempotency-key', which the document does not define for this operation");
    }

    @Test
    void reportsARequiredHeaderTheClientDoesNotSend() {
        assertThat(violationsAfter(document -> header(document, TRANSFERS, "Idempotency-Key",
                (parameters, index) -> ((ObjectNode) parameters.get(index)).put("name", "Idempotency-Token"))))
                .containsExactlyInAnyOrder(
                        "BankApiClient.transfer (POST /api/v1/transfers): does not send the header 'Idempotency-Token' the "
                                + "document requires",
                        "BankApiClient.transfer (POST /api/v1/transfers): sends the header 'idempotency-key', which the "
                                + "document does not define for this operation");
    }

    @Test
    void reportsARenamedRequestProperty() {
        assertThat(violationsAfter(document -> {
            ObjectNode properties = (ObjectNode) document.at("/components/schemas/TransferRequest/properties");
            properties.set("sum", properties.remove("amount"));
            ArrayNode required = (ArrayNode) document.at("/components/schemas/TransferRequest/required");
            for (int i = 0; i < required.size(); i++) {
                if (required.get(i).asString().equals("amount")) {
                    required.set(i, "sum");
                }
            }
        })).containsExactlyInAnyOrder(
                "BankApiClient.transfer (POST /api/v1/transfers) request body: sends 'amount', which the document does not "
                        + "define (the bank refuses unknown fields)",
                "BankApiClient.transfer (POST /api/v1/transfers) request body: does not send the required property 'sum'");
    }

    @Test
    void reportsAReplyPropertyTheClientReadsAndTheDocumentDropped() {
        assertThat(violationsAfter(document -> ((ObjectNode) document.at("/components/schemas/OperationResponse/properties"))
                .remove("balanceAfter")))
                .contains("BankApiClient.debit (POST /api/v1/accounts/{accountId}/debits) reply: reads 'balanceAfter', which "
                        + "the document's schema does not have",
                        "BankApiClient.history (GET /api/v1/accounts/{accountId}/operations) reply.items[]: reads "
                                + "'balanceAfter', which the document's schema does not have");
    }

    @Test
    void reportsAReplyPropertyOfAnotherType() {
        assertThat(violationsAfter(document -> ((ObjectNode) document.at("/components/schemas/AccountResponse/properties/balance"))
                .put("type", "string").remove("format")))
                .contains("BankApiClient.accounts (GET /api/v1/accounts) reply[].balance: Java long is JSON integer, the "
                        + "document says string");
    }

    private static List<String> violationsAfter(Consumer<JsonNode> breakage) {
        JsonNode document = BankApiContract.checkedIn().json();
        breakage.accept(document);
        return FeignContract.violations(BankApiContract.of(document), BankApiClient.class);
    }

    /** Applies {@code change} to the operation's header parameter named {@code name}, which must exist. */
    private static void header(JsonNode document, String operation, String name, ObjIntConsumer<ArrayNode> change) {
        ArrayNode parameters = (ArrayNode) document.at(operation + "/parameters");
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).path("name").asString().equals(name)) {
                change.accept(parameters, i);
                return;
            }
        }
        throw new IllegalStateException(operation + " has no parameter " + name);
    }

    /** Every @FeignClient interface of client-app, so a new one is checked without being listed here. */
    private static List<Class<?>> feignClients() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isInterface();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(FeignClient.class));
        return scanner.findCandidateComponents("dev.exactlyonce.client").stream()
                .map(BeanDefinition::getBeanClassName)
                .<Class<?>>map(name -> ClassUtils.resolveClassName(name, BankApiContractTests.class.getClassLoader()))
                .toList();
    }
}

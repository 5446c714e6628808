package dev.exactlyonce.bank.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import dev.exactlyonce.bank.BankHttp;
import dev.exactlyonce.bank.BankIntegrationTest;
import dev.exactlyonce.bank.contract.BankApiContract;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import dev.exactlyonce.idempotency.web.Idempotent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The OpenAPI document the running service serves is the one checked in at {@value BankApiContract#FILE}, which
 * client-app's and the gateway's contract tests read. A change to the API therefore shows up as a change to that
 * file in the same commit, or this test fails.
 */
@BankIntegrationTest
class ApiDocumentIntegrationTests {

    /**
     * {@code -Dopenapi.write=true}: rewrite the checked-in file from the running service instead of failing.
     * Ignored when {@code CI=true}, so CI always compares.
     */
    private static final String WRITE = "openapi.write";

    private static final String REGENERATE = "./mvnw -pl bank-service test -Dtest=ApiDocumentIntegrationTests -D" + WRITE
            + "=true";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    BankHttp api;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void servesTheCheckedInDocument() throws IOException {
        JsonNode served = served();
        Path file = BankApiContract.location();
        JsonNode checkedIn = Files.exists(file) ? JSON.readTree(Files.readString(file)) : MissingNode.getInstance();

        var differences = DocumentDiff.differences(checkedIn, served);

        if (differences.isEmpty()) {
            return;
        }
        if (Boolean.getBoolean(WRITE) && !"true".equalsIgnoreCase(System.getenv("CI"))) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, DocumentDiff.canonical(served));
            System.out.println("Rewrote " + file + " from the running service (" + differences.size() + " differences)");
            return;
        }
        fail("The API that bank-service serves differs from the checked-in " + BankApiContract.FILE + ":\n  "
                + String.join("\n  ", differences) + "\nIf the change is intended, regenerate the file with\n  "
                + REGENERATE + "\nthen review and commit it with the change (client-app's and the gateway's contract "
                + "tests read it).");
    }

    @Test
    void requiresIdempotencyKeyExactlyOnTheIdempotentHandlers() {
        Set<String> idempotent = new TreeSet<>();
        handlers.getHandlerMethods().forEach((mapping, handler) -> {
            if (isIdempotent(handler)) {
                idempotent.addAll(operations(mapping));
            }
        });

        Set<String> keyed = BankApiContract.of(served()).operations().stream()
                .filter(operation -> operation.requiresHeader(IdempotencyHeaders.KEY))
                .map(Object::toString)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(idempotent).isNotEmpty();
        assertThat(keyed).isEqualTo(idempotent);
    }

    private JsonNode served() {
        BankHttp.Reply docs = api.get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        return docs.json();
    }

    private static boolean isIdempotent(HandlerMethod handler) {
        return handler.hasMethodAnnotation(Idempotent.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Idempotent.class);
    }

    private static Set<String> operations(RequestMappingInfo mapping) {
        Set<String> operations = new TreeSet<>();
        mapping.getMethodsCondition().getMethods().forEach(method -> mapping.getPatternValues()
                .forEach(pattern -> operations.add(method.name() + " " + pattern)));
        return operations;
    }
}

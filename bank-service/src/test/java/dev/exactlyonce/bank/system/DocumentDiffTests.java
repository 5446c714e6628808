package dev.exactlyonce.bank.system;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.exactlyonce.bank.contract.BankApiContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison behind {@link ApiDocumentIntegrationTests}, on the checked-in document and broken copies of it. */
class DocumentDiffTests {

    private static final String TRANSFERS = "/paths/~1api~1v1~1transfers/post";

    private final JsonNode checkedIn = BankApiContract.checkedIn().json();

    @Test
    void findsNothingBetweenTheDocumentAndItsCanonicalForm() {
        JsonNode reread = JsonMapper.builder().build().readTree(DocumentDiff.canonical(checkedIn));

        assertThat(DocumentDiff.differences(checkedIn, reread)).isEmpty();
    }

    @Test
    void reportsAHeaderThatIsNoLongerRequired() {
        JsonNode served = checkedIn.deepCopy();
        ((ObjectNode) served.at(TRANSFERS + "/parameters/0")).put("required", false);

        assertThat(DocumentDiff.differences(checkedIn, served))
                .containsExactly(TRANSFERS + "/parameters/0/required: checked-in file has true, the service serves false");
    }

    @Test
    void reportsARemovedOperationAndARenamedProperty() {
        JsonNode served = checkedIn.deepCopy();
        ((ObjectNode) served.get("paths")).remove("/api/v1/transfers");
        ObjectNode properties = (ObjectNode) served.at("/components/schemas/MoneyRequest/properties");
        properties.set("sum", properties.remove("amount"));
        ((ArrayNode) served.at("/components/schemas/MoneyRequest/required")).set(0, "sum");

        assertThat(DocumentDiff.differences(checkedIn, served)).contains(
                "/paths/~1api~1v1~1transfers: only in the checked-in file",
                "/components/schemas/MoneyRequest/properties/amount: only in the checked-in file",
                "/components/schemas/MoneyRequest/required/0: checked-in file has \"amount\", the service serves \"sum\"")
                .anyMatch(line -> line.startsWith("/components/schemas/MoneyRequest/properties/sum: only in the served document"));
    }
}

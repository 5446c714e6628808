package dev.exactlyonce.client.bank;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Request and response bodies exactly as the bank API spells them; fields the client does not use are ignored. */
final class Wire {

    private Wire() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MoneyRequest(long amount, String currency, String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TransferRequest(UUID fromAccountId, UUID toAccountId, long amount, String currency, String description) {
    }

    record OpenAccountRequest(String currency) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Operation(UUID operationId, String type, UUID accountId, long amount, String currency, Long balanceAfter,
            String status, Instant createdAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OperationPage(List<Operation> items, int page, int size, long totalItems) {
    }
}

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

    /**
     * A history item or the answer to a money movement. A money movement has an amount (and a balance after
     * it unless it was rejected); an overdraft-limit change has neither, but the old and new limit and who
     * set it, so every one of those fields may be absent.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Operation(UUID operationId, String type, UUID accountId, Long amount, String currency, Long balanceAfter,
            String status, Instant createdAt, Long previousOverdraftLimit, Long overdraftLimit, String changedBy) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OperationPage(List<Operation> items, int page, int size, long totalItems) {
    }
}

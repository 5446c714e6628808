package dev.exactlyonce.bank.ledger;

import java.security.Principal;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading operations: one by id, or an account's history (money operations and overdraft-limit changes). */
@RestController
@RequestMapping("/api/v1")
@Validated
class OperationController {

    private final Ledger ledger;

    OperationController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/operations/{operationId}")
    OperationResponse operation(@PathVariable UUID operationId, Principal client) {
        return OperationResponse.of(ledger.itemOf(operationId, client.getName()));
    }

    @GetMapping("/accounts/{accountId}/operations")
    OperationPage history(@PathVariable UUID accountId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Principal client) {
        return new OperationPage(
                ledger.history(accountId, client.getName(), page, size).stream().map(OperationResponse::of).toList(),
                page, size, ledger.historySize(accountId));
    }
}

package dev.exactlyonce.bank.ledger;

import java.net.URI;
import java.security.Principal;
import java.util.UUID;

import jakarta.validation.Valid;

import dev.exactlyonce.bank.fence.IdempotencyKeys;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The money-moving endpoints. Each requires an Idempotency-Key and runs at most once per key. */
@RestController
@RequestMapping("/api/v1")
class MoneyMovementController {

    private final MoneyMovements movements;

    MoneyMovementController(MoneyMovements movements) {
        this.movements = movements;
    }

    @PostMapping("/accounts/{accountId}/credits")
    ResponseEntity<OperationResponse> credit(@PathVariable UUID accountId,
            @RequestHeader(IdempotencyKeys.HEADER) String key, @Valid @RequestBody MoneyRequest request,
            Principal client) {
        return respond(movements.credit(client.getName(), IdempotencyKeys.require(key), accountId, request));
    }

    @PostMapping("/accounts/{accountId}/debits")
    ResponseEntity<OperationResponse> debit(@PathVariable UUID accountId,
            @RequestHeader(IdempotencyKeys.HEADER) String key, @Valid @RequestBody MoneyRequest request,
            Principal client) {
        return respond(movements.debit(client.getName(), IdempotencyKeys.require(key), accountId, request));
    }

    @PostMapping("/transfers")
    ResponseEntity<OperationResponse> transfer(@RequestHeader(IdempotencyKeys.HEADER) String key,
            @Valid @RequestBody TransferRequest request, Principal client) {
        return respond(movements.transfer(client.getName(), IdempotencyKeys.require(key), request));
    }

    private static ResponseEntity<OperationResponse> respond(Outcome outcome) {
        Operation operation = outcome.operation();
        if (operation.rejection() == Rejection.INSUFFICIENT_FUNDS) {
            throw new InsufficientFundsException(operation, outcome.replayed());
        }
        if (operation.rejection() == Rejection.BALANCE_LIMIT_EXCEEDED) {
            throw new BalanceLimitExceededException(operation, outcome.replayed());
        }
        ResponseEntity.BodyBuilder created = ResponseEntity.created(URI.create("/api/v1/operations/" + operation.id()));
        if (outcome.replayed()) {
            created.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return created.body(OperationResponse.of(operation));
    }
}

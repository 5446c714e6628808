package dev.exactlyonce.bank.ledger;

import java.net.URI;
import java.security.Principal;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;

import dev.exactlyonce.bank.fence.ReplayedAnswer;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.KeyField;
import dev.exactlyonce.idempotency.web.Idempotent;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The money-moving endpoints. Each requires an Idempotency-Key and runs at most once per key:
 * {@link Idempotent} puts it behind the Idempotency-Key filter (Redis), and the ledger's fence holds
 * behind that.
 */
@RestController
@RequestMapping("/api/v1")
class MoneyMovementController {

    private final MoneyMovementService movements;

    private final LedgerMeters meters;

    MoneyMovementController(MoneyMovementService movements, MeterRegistry registry) {
        this.movements = movements;
        this.meters = new LedgerMeters(registry);
    }

    @Idempotent
    @PostMapping("/accounts/{accountId}/credits")
    ResponseEntity<OperationResponse> credit(@PathVariable UUID accountId,
            @RequestHeader(IdempotencyHeaders.KEY) String key, @Valid @RequestBody MoneyRequest request,
            Principal client) {
        return respond(movements.credit(client.getName(), KeyField.parse(key).key(), accountId, request));
    }

    @Idempotent
    @PostMapping("/accounts/{accountId}/debits")
    ResponseEntity<OperationResponse> debit(@PathVariable UUID accountId,
            @RequestHeader(IdempotencyHeaders.KEY) String key, @Valid @RequestBody MoneyRequest request,
            Principal client) {
        return respond(movements.debit(client.getName(), KeyField.parse(key).key(), accountId, request));
    }

    @Idempotent
    @PostMapping("/transfers")
    ResponseEntity<OperationResponse> transfer(@RequestHeader(IdempotencyHeaders.KEY) String key,
            @Valid @RequestBody TransferRequest request, Principal client) {
        return respond(movements.transfer(client.getName(), KeyField.parse(key).key(), request));
    }

    private ResponseEntity<OperationResponse> respond(FencedOperation fenced) {
        meters.recorded(fenced);
        Operation operation = fenced.operation();
        if (operation.rejection() == Rejection.INSUFFICIENT_FUNDS) {
            throw new InsufficientFundsException(operation, fenced.replayed());
        }
        if (operation.rejection() == Rejection.BALANCE_LIMIT_EXCEEDED) {
            throw new BalanceLimitExceededException(operation, fenced.replayed());
        }
        return ReplayedAnswer.mark(ResponseEntity.created(URI.create("/api/v1/operations/" + operation.id())),
                fenced.replayed()).body(OperationResponse.of(operation));
    }
}

package dev.exactlyonce.bank.account;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import dev.exactlyonce.bank.fence.ReplayedAnswer;
import dev.exactlyonce.bank.money.Currencies;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.KeyField;
import dev.exactlyonce.idempotency.web.Idempotent;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers open and read their accounts; operators set overdraft limits. Which role may call what is
 * decided in {@code SecurityConfiguration}: operators move no money and open nothing, customers grant
 * themselves no credit.
 */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountController {

    private final AccountService service;

    AccountController(AccountService service) {
        this.service = service;
    }

    /** Exactly once per key: behind the Idempotency-Key filter ({@link Idempotent}) and the ledger's fence. */
    @Idempotent
    @PostMapping
    ResponseEntity<AccountResponse> open(@RequestHeader(IdempotencyHeaders.KEY) String key,
            @Valid @RequestBody OpenAccountRequest request, Principal client) {
        IdempotencyKey checkedKey = KeyField.parse(key).key();
        String currency = Currencies.require(request.currency()).getCurrencyCode();
        AccountService.Opened opened = service.open(client.getName(), checkedKey, currency);
        return ReplayedAnswer.mark(ResponseEntity.created(URI.create("/api/v1/accounts/" + opened.account().id())),
                opened.replayed()).body(AccountResponse.asOpened(opened.account()));
    }

    @GetMapping
    List<AccountResponse> list(Principal client) {
        return service.ownedBy(client.getName()).stream().map(AccountResponse::of).toList();
    }

    @GetMapping("/{accountId}")
    AccountResponse get(@PathVariable UUID accountId, Principal client) {
        return AccountResponse.of(service.owned(accountId, client.getName()));
    }

    /** Operators only: sets the limit of any customer's account and answers the account as it is now. */
    @ApiResponse(responseCode = "200", description = "The account with its new limit")
    @ApiResponse(responseCode = "422", description = "The account already uses more than the new limit allows; nothing "
            + "changed (overdraft-limit-below-balance)", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @PutMapping("/{accountId}/overdraft-limit")
    AccountResponse setOverdraftLimit(@PathVariable UUID accountId, @Valid @RequestBody OverdraftLimitRequest request,
            Principal operator) {
        return AccountResponse.of(service.setOverdraftLimit(accountId, request.overdraftLimit(), operator.getName()));
    }
}

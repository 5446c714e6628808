package dev.exactlyonce.client.bank;

import java.util.List;
import java.util.UUID;

import dev.exactlyonce.idempotency.IdempotencyHeaders;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * OpenFeign's client of the bank API (the gateway's URL in every deployment). Both the caller's bearer token and the
 * Idempotency-Key are explicit parameters: the key belongs to the logical operation and is chosen before
 * the first attempt, so no interceptor may invent one per request.
 */
@FeignClient(name = "bank", url = "${client.bank-url}", path = "/api/v1")
interface BankApiClient {

    @PostMapping("/accounts/{accountId}/credits")
    ResponseEntity<Wire.Operation> credit(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RequestHeader(IdempotencyHeaders.KEY) String idempotencyKey, @PathVariable("accountId") UUID accountId,
            @RequestBody Wire.MoneyRequest request);

    @PostMapping("/accounts/{accountId}/debits")
    ResponseEntity<Wire.Operation> debit(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RequestHeader(IdempotencyHeaders.KEY) String idempotencyKey, @PathVariable("accountId") UUID accountId,
            @RequestBody Wire.MoneyRequest request);

    @PostMapping("/transfers")
    ResponseEntity<Wire.Operation> transfer(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RequestHeader(IdempotencyHeaders.KEY) String idempotencyKey, @RequestBody Wire.TransferRequest request);

    @GetMapping("/accounts")
    List<AccountView> accounts(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization);

    @PostMapping("/accounts")
    ResponseEntity<AccountView> openAccount(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RequestHeader(IdempotencyHeaders.KEY) String idempotencyKey, @RequestBody Wire.OpenAccountRequest request);

    @GetMapping("/accounts/{accountId}/operations")
    Wire.OperationPage history(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @PathVariable("accountId") UUID accountId, @RequestParam("page") int page, @RequestParam("size") int size);
}

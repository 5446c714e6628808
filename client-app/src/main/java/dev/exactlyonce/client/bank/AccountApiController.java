package dev.exactlyonce.client.bank;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import dev.exactlyonce.idempotency.IdempotencyHeaders;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's accounts at the bank, read through the same resilient client. */
@RestController
@RequestMapping("/api/accounts")
class AccountApiController {

    private final BankAccounts accounts;

    AccountApiController(BankAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    List<AccountView> accounts(Principal user) {
        return accounts.accounts(user.getName());
    }

    @GetMapping("/{accountId}/operations")
    List<BankOperationView> history(@PathVariable UUID accountId, Principal user) {
        return accounts.history(user.getName(), accountId);
    }

    /**
     * Opens an account exactly once per key. A caller that may send the request again (after a lost reply,
     * say) passes its own {@code Idempotency-Key} and gets the same account each time; without one, a key
     * is minted for this request, which still makes client-app's own retries safe.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccountView open(@RequestBody OpenAccount request,
            @RequestHeader(name = IdempotencyHeaders.KEY, required = false) String key, Principal user) {
        return accounts.open(user.getName(), request.currency(), key != null ? key : UUID.randomUUID().toString());
    }

    /** @param currency ISO 4217 code of the new account */
    record OpenAccount(String currency) {
    }
}

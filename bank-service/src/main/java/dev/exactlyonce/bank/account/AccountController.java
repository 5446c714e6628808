package dev.exactlyonce.bank.account;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import dev.exactlyonce.bank.money.Currencies;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/accounts")
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping
    ResponseEntity<AccountResponse> open(@Valid @RequestBody OpenAccountRequest request, Principal client) {
        String currency = Currencies.require(request.currency()).getCurrencyCode();
        long overdraftLimit = request.overdraftLimit() == null ? 0 : request.overdraftLimit();
        Account account = accounts.open(client.getName(), currency, overdraftLimit);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + account.id())).body(AccountResponse.of(account));
    }

    @GetMapping
    List<AccountResponse> list(Principal client) {
        return accounts.ownedBy(client.getName()).stream().map(AccountResponse::of).toList();
    }

    @GetMapping("/{accountId}")
    AccountResponse get(@PathVariable UUID accountId, Principal client) {
        return AccountResponse.of(accounts.owned(accountId, client.getName()));
    }
}

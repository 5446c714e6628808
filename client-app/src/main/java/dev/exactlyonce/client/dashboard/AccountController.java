package dev.exactlyonce.client.dashboard;

import java.security.Principal;
import java.time.Clock;
import java.util.UUID;

import dev.exactlyonce.client.bank.AccountView;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** One account: its live balance and its balance-history chart. */
@Controller("dashboardAccountController")
class AccountController {

    private final DashboardBank bank;

    private final HistoryRows histories;

    private final Clock clock;

    AccountController(DashboardBank bank, HistoryRows histories, Clock clock) {
        this.bank = bank;
        this.histories = histories;
        this.clock = clock;
    }

    @GetMapping("/dashboard/accounts/{id}")
    String account(@PathVariable UUID id, Principal user, Model model) {
        AccountView account = owned(user, id);
        model.addAttribute("account", AccountCard.of(account));
        model.addAttribute("history", history(user, account));
        return "dashboard/account";
    }

    @GetMapping("/dashboard/fragments/accounts/{id}/history")
    String historyFragment(@PathVariable UUID id, Principal user, Model model) {
        model.addAttribute("history", history(user, owned(user, id)));
        return "dashboard/fragments :: history(history=${history})";
    }

    private HistoryView history(Principal user, AccountView account) {
        return histories.history(bank.history(user.getName(), account.id()), account.currency(), account.balance(),
                clock.instant());
    }

    private AccountView owned(Principal user, UUID id) {
        return bank.accounts(user.getName()).stream().filter(account -> account.id().equals(id)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such account among yours"));
    }
}

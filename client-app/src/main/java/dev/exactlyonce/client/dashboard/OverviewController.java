package dev.exactlyonce.client.dashboard;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpSession;

import dev.exactlyonce.client.bank.AccountView;
import dev.exactlyonce.client.bank.BankReadRefusedException;
import dev.exactlyonce.client.bank.BankUnavailableException;
import dev.exactlyonce.client.operation.JournalView;
import dev.exactlyonce.client.operation.Operations;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The overview: accounts with live balances, the operation log, and opening an account. */
@Controller
class OverviewController {

    /** Currencies offered for a new account; the bank accepts any ISO 4217 code with minor units. */
    static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF", "JPY");

    static final int LOG_ROWS = 50;

    private final DashboardBank bank;

    private final Operations operations;

    private final DashboardViews views;

    private final FormKeys formKeys;

    private final Clock clock;

    OverviewController(DashboardBank bank, Operations operations, DashboardViews views, FormKeys formKeys, Clock clock) {
        this.bank = bank;
        this.operations = operations;
        this.views = views;
        this.formKeys = formKeys;
        this.clock = clock;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/dashboard";
    }

    @GetMapping("/dashboard")
    String overview(Principal user, Model model) {
        try {
            model.addAttribute("accounts", bank.accounts(user.getName()).stream().map(AccountCard::of).toList());
        } catch (BankUnavailableException | BankReadRefusedException ex) {
            model.addAttribute("accounts", List.of());
            model.addAttribute("bankProblem", "The bank did not answer, so balances cannot be shown. Your operations "
                    + "below are safe; this page tries again by itself.");
        }
        model.addAttribute("operations", log(user));
        model.addAttribute("currencies", CURRENCIES);
        model.addAttribute("openAccountKey", FormKeys.mint());
        return "dashboard/overview";
    }

    /** Balances for the page's live refresh. */
    @GetMapping(path = "/dashboard/live", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Live> live(Principal user) {
        List<Live.Account> accounts = bank.accounts(user.getName()).stream().map(AccountCard::of)
                .map(card -> new Live.Account(card.id().toString(), card.label(), card.currency(), card.balance(),
                        card.balanceText()))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Live(accounts, views.time(clock.instant())));
    }

    @GetMapping("/dashboard/fragments/log")
    String logFragment(Principal user, Model model) {
        model.addAttribute("operations", log(user));
        return "dashboard/fragments :: log(rows=${operations})";
    }

    /** The newest operations: enough to follow what is happening, few enough to refresh every poll. */
    private List<OperationRow> log(Principal user) {
        List<JournalView> newestFirst = operations.list(user.getName());
        return views.rows(newestFirst.subList(0, Math.min(LOG_ROWS, newestFirst.size())));
    }

    /**
     * Opens an account. The bank does not de-duplicate openings, so the form carries a key of its own and a
     * second submission of the same form (a double-click) opens nothing more.
     */
    @PostMapping("/dashboard/accounts")
    String open(Principal user, @RequestParam String currency, @RequestParam(required = false) String idempotencyKey,
            HttpSession session, RedirectAttributes redirect) {
        if (!CURRENCIES.contains(currency)) {
            redirect.addFlashAttribute("bankProblem", "Choose one of the offered currencies.");
            return "redirect:/dashboard";
        }
        if (formKeys.firstUse(session, idempotencyKey)) {
            AccountView account = bank.open(user.getName(), currency);
            return "redirect:/dashboard/accounts/" + account.id();
        }
        return "redirect:/dashboard";
    }

    /**
     * Fresh balances.
     *
     * @param updatedAt server time of the reading, for the page's "updated" note
     */
    record Live(List<Account> accounts, String updatedAt) {

        /** One account's balance. */
        record Account(String id, String label, String currency, long balance, String balanceText) {
        }
    }
}

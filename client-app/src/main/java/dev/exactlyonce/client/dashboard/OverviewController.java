package dev.exactlyonce.client.dashboard;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import dev.exactlyonce.client.bank.AccountKeyReusedException;
import dev.exactlyonce.client.bank.AccountView;
import dev.exactlyonce.client.bank.BankReadRefusedException;
import dev.exactlyonce.client.bank.BankUnavailableException;
import dev.exactlyonce.client.operation.JournalView;
import dev.exactlyonce.client.operation.Operations;
import dev.exactlyonce.idempotency.IdempotencyKey;

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

    private final OperationRows rows;

    private final Times times;

    private final Clock clock;

    OverviewController(DashboardBank bank, Operations operations, OperationRows rows, Times times, Clock clock) {
        this.bank = bank;
        this.operations = operations;
        this.rows = rows;
        this.times = times;
        this.clock = clock;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/dashboard";
    }

    /**
     * The overview.
     *
     * @param openKey the open-account form's key to render again, after an opening the bank did not confirm
     * @param openCurrency the currency that form had chosen
     */
    @GetMapping("/dashboard")
    String overview(@RequestParam(required = false) String openKey, @RequestParam(required = false) String openCurrency,
            Principal user, Model model) {
        try {
            model.addAttribute("accounts", bank.cards(user.getName()));
        } catch (BankUnavailableException | BankReadRefusedException ex) {
            model.addAttribute("accounts", List.of());
            model.addAttribute("bankProblem", "The bank did not answer, so balances cannot be shown. Your operations "
                    + "below are safe; this page tries again by itself.");
        }
        model.addAttribute("operations", log(user));
        model.addAttribute("currencies", CURRENCIES);
        // Minted when the form is rendered, so a double submit or a resubmit of this form opens one account.
        model.addAttribute("openAccountKey", IdempotencyKey.isValid(openKey) ? openKey : FormKeys.mint());
        model.addAttribute("openCurrency",
                openCurrency != null && CURRENCIES.contains(openCurrency) ? openCurrency : CURRENCIES.get(0));
        return "dashboard/overview";
    }

    /** Balances for the page's live refresh. */
    @GetMapping(path = "/dashboard/live", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Live> live(Principal user) {
        List<Live.Account> accounts = bank.cards(user.getName()).stream()
                .map(card -> new Live.Account(card.id().toString(), card.label(), card.currency(), card.balance(),
                        card.balanceText()))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Live(accounts, times.time(clock.instant())));
    }

    @GetMapping("/dashboard/fragments/log")
    String logFragment(Principal user, Model model) {
        model.addAttribute("operations", log(user));
        return "dashboard/fragments :: log(rows=${operations})";
    }

    /** The newest operations: enough to follow what is happening, few enough to refresh every poll. */
    private List<OperationRow> log(Principal user) {
        List<JournalView> newestFirst = operations.list(user.getName());
        return rows.rows(newestFirst.subList(0, Math.min(LOG_ROWS, newestFirst.size())));
    }

    /**
     * Opens an account under the key the form was rendered with. The bank opens at most one account per
     * key and answers a repeat with that account, so a double-click, a resubmit or a retry after no answer
     * all end on the same account's page.
     */
    @PostMapping("/dashboard/accounts")
    String open(Principal user, @RequestParam(required = false) String currency,
            @RequestParam(required = false) String idempotencyKey, RedirectAttributes redirect) {
        if (currency == null || !CURRENCIES.contains(currency)) {
            redirect.addFlashAttribute("openProblem", "Choose one of the offered currencies. Nothing was opened.");
            return "redirect:/dashboard";
        }
        if (!IdempotencyKey.isValid(idempotencyKey)) {
            redirect.addFlashAttribute("openProblem", "This form has lost its key, so nothing was sent. "
                    + "Choose the currency and open the account again.");
            return "redirect:/dashboard";
        }
        try {
            AccountView account = bank.open(user.getName(), currency, idempotencyKey);
            return "redirect:/dashboard/accounts/" + account.id();
        } catch (BankUnavailableException ex) {
            redirect.addFlashAttribute("openProblem", "The bank did not confirm the new account. Send the form "
                    + "again: it keeps its key, so at most one account is opened.");
            redirect.addAttribute("openKey", idempotencyKey);
            redirect.addAttribute("openCurrency", currency);
            return "redirect:/dashboard";
        } catch (AccountKeyReusedException ex) {
            redirect.addFlashAttribute("openProblem", "This form was already used to open an account in another "
                    + "currency, so nothing more was opened. Open a new account with the form below.");
            return "redirect:/dashboard";
        } catch (BankReadRefusedException ex) {
            redirect.addFlashAttribute("openProblem", "The bank refused to open the account. Nothing was opened.");
            return "redirect:/dashboard";
        }
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

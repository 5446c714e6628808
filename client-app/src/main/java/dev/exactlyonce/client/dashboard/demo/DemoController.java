package dev.exactlyonce.client.dashboard.demo;

import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import jakarta.servlet.http.HttpSession;

import dev.exactlyonce.client.bank.BankReadRefusedException;
import dev.exactlyonce.client.bank.BankUnavailableException;
import dev.exactlyonce.client.dashboard.AccountCard;
import dev.exactlyonce.client.dashboard.DashboardBank;
import dev.exactlyonce.client.dashboard.FormKeys;
import dev.exactlyonce.client.dashboard.Money;
import dev.exactlyonce.idempotency.IdempotencyKey;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.WebUtils;

/**
 * The lost-reply demonstration panel. Each step is a form whose key was minted when the page was rendered,
 * and each answer is a redirect back to the panel, so reloading never sends anything again.
 */
@Controller
class DemoController {

    static final String RUN = DemoController.class.getName() + ".run";

    private final LostReplyDemo demo;

    private final DashboardBank bank;

    DemoController(LostReplyDemo demo, DashboardBank bank) {
        this.demo = demo;
        this.bank = bank;
    }

    @GetMapping("/dashboard/demo")
    String panel(Principal user, HttpSession session, Model model) {
        OptionalInt faultMode = demo.faultMode();
        model.addAttribute("faultModeOn", faultMode.isPresent());
        model.addAttribute("pendingDrops", faultMode.orElse(0));
        List<AccountCard> accounts;
        try {
            accounts = bank.cards(user.getName());
        } catch (BankUnavailableException | BankReadRefusedException ex) {
            accounts = List.of();
            model.addAttribute("bankProblem", "The bank is not answering right now, so the demonstration cannot run.");
        }
        model.addAttribute("accounts", accounts);
        DemoRun run = (DemoRun) session.getAttribute(RUN);
        if (run != null && accounts.stream().noneMatch(account -> account.id().equals(run.accountId()))) {
            session.removeAttribute(RUN);
        } else if (run != null) {
            model.addAttribute("run", run);
            model.addAttribute("runAccount", accounts.stream().filter(account -> account.id().equals(run.accountId()))
                    .findFirst().orElseThrow());
            model.addAttribute("result", demo.result(user.getName(), run));
        }
        if (!model.containsAttribute("amount")) {
            model.addAttribute("amount", "1.00");
        }
        model.addAttribute("startKey", FormKeys.mint());
        model.addAttribute("newKey", FormKeys.mint());
        return "dashboard/demo";
    }

    @PostMapping("/dashboard/demo/start")
    String start(@RequestParam(required = false) String accountId, @RequestParam(required = false) String amount,
            @RequestParam(required = false) String key, Principal user, HttpSession session,
            RedirectAttributes redirect) {
        if (!StepKeys.firstUse(session, key)) {
            // The same rendered form again (a double-click): its debit is already under way or done.
            return "redirect:/dashboard/demo#step-2";
        }
        AccountCard account = AccountCard.find(bank.cards(user.getName()), accountId);
        if (account == null) {
            redirect.addFlashAttribute("demoError", "Choose one of your accounts.");
            return "redirect:/dashboard/demo#step-1";
        }
        long minorUnits;
        try {
            minorUnits = Money.parse(amount, account.currency());
        } catch (Money.InvalidAmountException ex) {
            redirect.addFlashAttribute("demoError", ex.getMessage());
            redirect.addFlashAttribute("amount", amount);
            return "redirect:/dashboard/demo#step-1";
        }
        try {
            session.setAttribute(RUN, demo.start(user.getName(), account.id(), minorUnits, key));
        } catch (LostReplyDemo.FaultModeUnavailableException ex) {
            redirect.addFlashAttribute("demoError", "The gateway's fault mode is off, so no reply can be dropped.");
            return "redirect:/dashboard/demo#step-1";
        }
        return "redirect:/dashboard/demo#step-2";
    }

    /**
     * Step 2.
     *
     * @param mode {@code same} to resend the first attempt's key, {@code new} to send {@code key}, minted when
     *        the panel was rendered, so that even a double-click on "new key" is one new debit
     */
    @PostMapping("/dashboard/demo/retry")
    String retry(@RequestParam String mode, @RequestParam(required = false) String key, Principal user,
            HttpSession session) {
        // One retry at a time per session, so that a double-click records both attempts.
        synchronized (WebUtils.getSessionMutex(session)) {
            DemoRun run = (DemoRun) session.getAttribute(RUN);
            if (run == null) {
                return "redirect:/dashboard/demo";
            }
            String sent = "same".equals(mode) ? run.key() : key;
            if (!IdempotencyKey.isValid(sent) || ("new".equals(mode) && Objects.equals(sent, run.key()))) {
                return "redirect:/dashboard/demo#step-2";
            }
            session.setAttribute(RUN, demo.retry(user.getName(), run, sent));
        }
        return "redirect:/dashboard/demo#result";
    }

    @PostMapping("/dashboard/demo/reset")
    String reset(HttpSession session) {
        session.removeAttribute(RUN);
        return "redirect:/dashboard/demo";
    }
}

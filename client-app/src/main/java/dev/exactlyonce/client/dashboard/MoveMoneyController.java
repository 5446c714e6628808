package dev.exactlyonce.client.dashboard;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.exactlyonce.client.bank.BankReadRefusedException;
import dev.exactlyonce.client.bank.BankUnavailableException;
import dev.exactlyonce.client.operation.InvalidOperationException;
import dev.exactlyonce.client.operation.JournalView;
import dev.exactlyonce.client.operation.OperationCommand;
import dev.exactlyonce.client.operation.OperationKeyReusedException;
import dev.exactlyonce.client.operation.OperationType;
import dev.exactlyonce.client.operation.Operations;
import dev.exactlyonce.client.security.UnknownUserException;
import dev.exactlyonce.idempotency.IdempotencyKey;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Credit, debit and transfer forms, and the page that shows how an operation ended.
 *
 * <p>The Idempotency-Key is minted when a form is first rendered and then lives in the form's address
 * ({@code ?key=}) and in a hidden field. So a double-click, a reload, going back to the form, or the same
 * address in another tab all submit the same key, and the journal answers with the operation it already
 * has instead of moving money again. After a submission the browser is redirected to the result
 * (POST-redirect-GET), so reloading the result never resubmits anything.
 */
@Controller
class MoveMoneyController {

    private final Operations operations;

    private final DashboardBank bank;

    private final OperationRows rows;

    private final Clock clock;

    MoveMoneyController(Operations operations, DashboardBank bank, OperationRows rows, Clock clock) {
        this.operations = operations;
        this.bank = bank;
        this.rows = rows;
        this.clock = clock;
    }

    @GetMapping("/dashboard/{kind:credit|debit|transfer}")
    String form(@PathVariable String kind, @RequestParam(required = false) String key,
            @RequestParam(required = false) String account, @RequestParam(required = false) String to,
            Principal user, Model model) {
        FormCopy copy = FormCopy.forSegment(kind).orElseThrow();
        if (!IdempotencyKey.isValid(key)) {
            // Minted now, when the form is rendered, and put in the address so a reload keeps it.
            UriComponentsBuilder target = UriComponentsBuilder.fromPath(copy.path()).queryParam("key", FormKeys.mint());
            Optional.ofNullable(AccountCard.parseId(account)).ifPresent(id -> target.queryParam("account", id));
            Optional.ofNullable(AccountCard.parseId(to)).ifPresent(id -> target.queryParam("to", id));
            return "redirect:" + target.build().toUriString();
        }
        List<AccountCard> accounts = accounts(user, model);
        String from = AccountCard.parseId(account) != null ? account
                : accounts.isEmpty() ? null : accounts.get(0).id().toString();
        String toAccount = AccountCard.parseId(to) != null ? to : accounts.stream().map(card -> card.id().toString())
                .filter(id -> !id.equals(from)).findFirst().orElse(null);
        return render(copy, MoveForm.blank(copy.type().name(), key, from, toAccount), Map.of(), null, user, model);
    }

    @PostMapping("/dashboard/operations")
    String submit(@ModelAttribute MoveForm form, Principal user, Model model) {
        FormCopy copy = parseType(form.type()).map(FormCopy::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown kind of operation"));
        if (!IdempotencyKey.isValid(form.idempotencyKey())) {
            return render(copy, form, Map.of(), new Problem("This form has lost its key",
                    "Nothing was sent. Open the form again from the menu and fill it in once more."), user, model);
        }
        List<AccountCard> accounts = accounts(user, model);
        if (model.containsAttribute("problem")) {
            // The bank did not list the accounts, so nothing can be checked and nothing is sent.
            return render(copy, form, Map.of(), null, user, model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        OperationCommand command = command(copy.type(), form, accounts, errors);
        if (!errors.isEmpty()) {
            return render(copy, form, errors, null, user, model);
        }
        Instant submitted = clock.instant().truncatedTo(ChronoUnit.MICROS);
        JournalView view;
        try {
            view = operations.submit(user.getName(), command);
        } catch (OperationKeyReusedException ex) {
            return render(copy, form, Map.of(), new Problem("This form was already used for something else",
                    "Its key belongs to an earlier operation with different details, so nothing was sent. "
                            + "Start a new " + copy.noun() + " to send this one."), user, model);
        } catch (InvalidOperationException ex) {
            return render(copy, form, Map.of(), new Problem("The dashboard could not send this",
                    ex.getMessage() + ". Nothing was sent."), user, model);
        } catch (UnknownUserException ex) {
            return render(copy, form, Map.of(), new Problem("You have no access to the bank",
                    "No bank credentials are configured for your user, so nothing was sent."), user, model);
        }
        // The journal hands back the operation it already had for this key: a second submission of the form.
        // Said in the address rather than a flash attribute, which an unfollowed redirect could leave behind.
        boolean resent = view.createdAt() != null && view.createdAt().isBefore(submitted);
        return "redirect:/dashboard/operations/" + view.id() + (resent ? "?again=1" : "");
    }

    @GetMapping("/dashboard/operations/{id}")
    String result(@PathVariable UUID id, @RequestParam(required = false) String again, Principal user, Model model) {
        OperationRow row = rows.row(operations.get(user.getName(), id));
        model.addAttribute("operation", row);
        model.addAttribute("newPath", FormCopy.of(OperationType.valueOf(row.type())).path());
        model.addAttribute("resent", again != null);
        return "dashboard/operation";
    }

    @GetMapping("/dashboard/fragments/operations/{id}")
    String resultFragment(@PathVariable UUID id, Principal user, Model model) {
        model.addAttribute("operation", rows.row(operations.get(user.getName(), id)));
        return "dashboard/fragments :: operation(op=${operation})";
    }

    private String render(FormCopy copy, MoveForm form, Map<String, String> errors, Problem problem, Principal user,
            Model model) {
        if (!model.containsAttribute("accounts")) {
            accounts(user, model);
        }
        model.addAttribute("copy", copy);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        if (problem != null) {
            model.addAttribute("problem", problem);
        }
        model.addAttribute("alreadySent", IdempotencyKey.isValid(form.idempotencyKey()) ? operations.list(user.getName())
                .stream().filter(view -> form.idempotencyKey().equals(view.idempotencyKey())).findFirst().map(rows::row)
                .orElse(null) : null);
        return "dashboard/move";
    }

    private List<AccountCard> accounts(Principal user, Model model) {
        List<AccountCard> accounts;
        try {
            accounts = bank.cards(user.getName());
        } catch (BankUnavailableException | BankReadRefusedException ex) {
            accounts = List.of();
            model.addAttribute("problem", Problem.BANK_UNAVAILABLE);
        }
        model.addAttribute("accounts", accounts);
        return accounts;
    }

    /** Checks the form field by field; each mistake is recorded against its field in plain words. */
    private static OperationCommand command(OperationType type, MoveForm form, List<AccountCard> accounts,
            Map<String, String> errors) {
        AccountCard from = AccountCard.find(accounts, form.accountId());
        if (from == null) {
            errors.put("accountId", "Choose one of your accounts.");
        }
        AccountCard to = null;
        if (type == OperationType.TRANSFER) {
            to = AccountCard.find(accounts, form.toAccountId());
            if (to == null) {
                errors.put("toAccountId", "Choose the account to transfer to.");
            } else if (from != null && to.id().equals(from.id())) {
                errors.put("toAccountId", "Choose a different account from the one the money comes from.");
            } else if (from != null && !to.currency().equals(from.currency())) {
                errors.put("toAccountId", "Choose an account in " + from.currency() + ": transfers do not convert currencies.");
            }
        }
        long amount = 0;
        if (from != null) {
            try {
                amount = Money.parse(form.amount(), from.currency());
            } catch (Money.InvalidAmountException ex) {
                errors.put("amount", ex.getMessage());
            }
        } else if (form.amount() == null || form.amount().isBlank()) {
            errors.put("amount", "Enter an amount.");
        }
        String description = form.description() == null || form.description().isBlank() ? null : form.description().strip();
        if (description != null && description.length() > 140) {
            errors.put("description", "Keep the note to 140 characters or fewer.");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new OperationCommand(type, from.id(), to == null ? null : to.id(), amount, from.currency(), description,
                form.idempotencyKey());
    }

    private static Optional<OperationType> parseType(String type) {
        try {
            return Optional.of(OperationType.valueOf(type));
        } catch (IllegalArgumentException | NullPointerException ex) {
            return Optional.empty();
        }
    }

    /**
     * Why nothing was sent, for the top of the form.
     *
     * @param title one line
     * @param text what happened and what to do, in plain words
     */
    record Problem(String title, String text) {

        static final Problem BANK_UNAVAILABLE = new Problem("The bank is not answering right now",
                "Nothing was sent. Try again in a moment: this form keeps its key, so sending it again is safe.");
    }
}

package org.civicdesk.customer.internal.casework;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicdesk.customer.CasePriority;
import org.civicdesk.customer.CaseStatus;
import org.civicdesk.customer.CaseType;
import org.civicdesk.customer.Cases;
import org.civicdesk.customer.Contacts;
import org.civicdesk.customer.internal.casework.AccountRecords.AccountRef;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages: log a contact, open a case, the case queue and a case with its notes and status changes. */
@Controller
class CaseworkPagesController {

    private final Contacts contacts;
    private final Cases cases;
    private final AccountRecords accounts;
    private final JdbcClient jdbc;

    CaseworkPagesController(Contacts contacts, Cases cases, AccountRecords accounts, JdbcClient jdbc) {
        this.contacts = contacts;
        this.cases = cases;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    /** A verification of the account's customer that a contact can point at. */
    record VerificationChoice(long id, String label) {
    }

    @GetMapping("/accounts/{accountNumber}/contacts/new")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String newContact(@PathVariable String accountNumber, Model model) {
        return contactForm(accounts.requireNumber(accountNumber), Map.of("channel", "PHONE"), List.of(), model);
    }

    private String contactForm(AccountRef account, Map<String, String> form, List<FieldProblem> problems, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("channels", Contacts.Channel.values());
        model.addAttribute("reasons", Contacts.COMMON_REASONS);
        model.addAttribute("verifications", jdbc.sql("""
                select id, channel || ' · ' || method || coalesce(' · ' || caller_name, '') || ' · '
                       || to_char(verified_at at time zone 'America/Phoenix', 'YYYY-MM-DD HH24:MI') || ' by ' || verified_by
                  from identity_verification where customer_id = ? and (account_id is null or account_id = ?)
                 order by verified_at desc limit 5""")
                .params(account.customerId(), account.id())
                .query((rs, n) -> new VerificationChoice(rs.getLong(1), rs.getString(2))).list());
        return "customer/casework-contact-new";
    }

    @PostMapping("/accounts/{accountNumber}/contacts/new")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String logContact(@PathVariable String accountNumber, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        AccountRef account = accounts.requireNumber(accountNumber);
        String reason = "Other".equals(form.get("reason")) || blank(form.get("reason"))
                ? form.getOrDefault("otherReason", "").trim() : form.get("reason");
        List<FieldProblem> problems = new ArrayList<>();
        Contacts.Channel channel = null;
        try {
            channel = Contacts.Channel.valueOf(form.getOrDefault("channel", ""));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("channel", "Choose how the customer was in touch"));
        }
        Long verification = null;
        if (!blank(form.get("verificationId"))) {
            try {
                verification = Long.valueOf(form.get("verificationId").trim());
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("verificationId", "Choose a verification from the list"));
            }
        }
        if (!problems.isEmpty()) {
            return contactForm(account, form, problems, model);
        }
        try {
            contacts.log(account.id(), new Contacts.NewContact(channel, Contacts.Direction.INBOUND, reason,
                    form.get("notes"), verification));
        } catch (BusinessRuleViolation e) {
            List<FieldProblem> shown = e.problems().stream()
                    .map(p -> p.field().equals("reason") && "Other".equals(form.get("reason"))
                            ? new FieldProblem("otherReason", p.reason()) : p)
                    .toList();
            return contactForm(account, form, shown, model);
        }
        redirect.addFlashAttribute("flash", "Contact logged.");
        return "redirect:/accounts/" + account.accountNumber();
    }

    @GetMapping("/accounts/{accountNumber}/cases/new")
    @PreAuthorize("hasAuthority('CASE_MANAGE')")
    String newCase(@PathVariable String accountNumber, @RequestParam(required = false) String type, Model model) {
        return caseForm(accounts.requireNumber(accountNumber),
                Map.of("type", type == null ? "INQUIRY" : type, "priority", "NORMAL",
                        "owner", CurrentStaff.username().orElse("")),
                List.of(), model);
    }

    private String caseForm(AccountRef account, Map<String, String> form, List<FieldProblem> problems, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("types", CaseType.values());
        model.addAttribute("priorities", CasePriority.values());
        return "customer/casework-case-new";
    }

    @PostMapping("/accounts/{accountNumber}/cases/new")
    @PreAuthorize("hasAuthority('CASE_MANAGE')")
    String openCase(@PathVariable String accountNumber, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        AccountRef account = accounts.requireNumber(accountNumber);
        List<FieldProblem> problems = new ArrayList<>();
        CaseType type = parse(CaseType.class, form.get("type"));
        if (type == null) {
            problems.add(new FieldProblem("type", "Choose the kind of case"));
        }
        CasePriority priority = parse(CasePriority.class, form.get("priority"));
        Money disputed = null;
        if (type == CaseType.BILLING_DISPUTE && !blank(form.get("disputedAmount"))) {
            try {
                disputed = Money.of(new BigDecimal(form.get("disputedAmount").replace(",", "").replace("$", "").trim()));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("disputedAmount", "Give the amount in dollars and cents, e.g. 84.50"));
            }
        }
        if (!problems.isEmpty()) {
            return caseForm(account, form, problems, model);
        }
        try {
            Cases.Case opened = cases.open(account.id(), new Cases.NewCase(type, priority, form.get("subject"),
                    form.get("description"), form.get("owner"), disputed));
            redirect.addFlashAttribute("flash", "Case " + opened.id() + " opened, due " + opened.dueOn() + ".");
            return "redirect:/cases/" + opened.id();
        } catch (BusinessRuleViolation e) {
            return caseForm(account, form, e.problems(), model);
        }
    }

    @GetMapping("/cases")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    String queue(@RequestParam(defaultValue = "mine") String view, Model model) {
        boolean all = "all".equals(view);
        model.addAttribute("view", all ? "all" : "mine");
        model.addAttribute("cases", cases.openQueue(all ? null : CurrentStaff.username().orElse("")));
        return "customer/casework-queue";
    }

    @GetMapping("/cases/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    String showCase(@PathVariable long id, Model model) {
        return casePage(id, List.of(), model);
    }

    private String casePage(long id, List<FieldProblem> problems, Model model) {
        Cases.Case k = cases.find(id);
        model.addAttribute("kase", k);
        model.addAttribute("notes", cases.notes(id));
        model.addAttribute("next", CaseLifecycle.next(k.status()).stream().sorted().toList());
        model.addAttribute("problems", problems);
        return "customer/casework-case";
    }

    @PostMapping("/cases/{id}/status")
    @PreAuthorize("hasAuthority('CASE_MANAGE')")
    String changeStatus(@PathVariable long id, @RequestParam(defaultValue = "") String status,
            @RequestParam(required = false) String resolution, Model model, RedirectAttributes redirect) {
        try {
            Cases.Case k = cases.changeStatus(id, parse(CaseStatus.class, status), resolution);
            redirect.addFlashAttribute("flash", "Case " + id + " is now " + CaseLifecycle.label(k.status()) + ".");
            return "redirect:/cases/" + id;
        } catch (BusinessRuleViolation e) {
            return casePage(id, e.problems(), model);
        }
    }

    @PostMapping("/cases/{id}/notes")
    @PreAuthorize("hasAuthority('CASE_MANAGE')")
    String addNote(@PathVariable long id, @RequestParam(defaultValue = "") String note, Model model,
            RedirectAttributes redirect) {
        try {
            cases.addNote(id, note);
            redirect.addFlashAttribute("flash", "Note added.");
            return "redirect:/cases/" + id;
        } catch (BusinessRuleViolation e) {
            return casePage(id, e.problems(), model);
        }
    }

    @PostMapping("/cases/{id}/owner")
    @PreAuthorize("hasAuthority('CASE_MANAGE')")
    String reassign(@PathVariable long id, @RequestParam(defaultValue = "") String owner, Model model,
            RedirectAttributes redirect) {
        try {
            Cases.Case k = cases.reassign(id, owner);
            redirect.addFlashAttribute("flash", "Case " + id + " is now with " + k.owner() + ".");
            return "redirect:/cases/" + id;
        } catch (BusinessRuleViolation e) {
            return casePage(id, e.problems(), model);
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

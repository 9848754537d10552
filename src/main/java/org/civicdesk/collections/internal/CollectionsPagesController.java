package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.civicdesk.collections.DepositRequirementPolicy.CreditCheck;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Collections forms. They post from the account screen's section; a refusal shows the form again on its
 * own page with the policy's reasons in the error summary, and nothing is written.
 */
@Controller
class CollectionsPagesController {

    private final Deposits deposits;
    private final Arrangements arrangements;
    private final Extensions extensions;
    private final Protections protections;
    private final AccountFacts facts;
    private final RulesBook rules;
    private final Clock clock;

    CollectionsPagesController(Deposits deposits, Arrangements arrangements, Extensions extensions, Protections protections,
            AccountFacts facts, RulesBook rules, Clock clock) {
        this.deposits = deposits;
        this.arrangements = arrangements;
        this.extensions = extensions;
        this.protections = protections;
        this.facts = facts;
        this.rules = rules;
        this.clock = clock;
    }

    private String page(String accountNumber, String action, Map<String, String> form, List<FieldProblem> problems, Model model) {
        AccountNumber number = parse(accountNumber);
        model.addAttribute("account", facts.account(number));
        model.addAttribute("action", action);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("rules", rules.on(LocalDate.now(clock)));
        return "collections/form";
    }

    @GetMapping("/accounts/{accountNumber}/collections/{action:arrangement|extension|protection}")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    String form(@PathVariable String accountNumber, @PathVariable String action, @RequestParam Map<String, String> form, Model model) {
        return page(accountNumber, action, form, List.of(), model);
    }

    @PostMapping("/accounts/{accountNumber}/collections/arrangement")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    String arrange(@PathVariable String accountNumber, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Integer months;
        try {
            months = blank(form.get("months")) ? null : Integer.valueOf(form.get("months").trim());
        } catch (NumberFormatException e) {
            return page(accountNumber, "arrangement", form, List.of(new FieldProblem("months", "Give the number of months in digits")), model);
        }
        try {
            Arrangements.Arrangement a = arrangements.create(parse(accountNumber), months);
            redirect.addFlashAttribute("flash", "Payment arrangement " + a.id() + ": " + a.amount().formatted() + " over "
                    + a.months() + " months.");
            return "redirect:/accounts/" + accountNumber;
        } catch (BusinessRuleViolation e) {
            return page(accountNumber, "arrangement", form, e.problems(), model);
        }
    }

    @PostMapping("/accounts/{accountNumber}/collections/extension")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    String extend(@PathVariable String accountNumber, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Long billId;
        LocalDate newDue;
        try {
            billId = blank(form.get("billId")) ? null : Long.valueOf(form.get("billId").trim());
        } catch (NumberFormatException e) {
            return page(accountNumber, "extension", form, List.of(new FieldProblem("billId", "Choose the bill to extend")), model);
        }
        try {
            newDue = blank(form.get("newDueDate")) ? null : LocalDate.parse(form.get("newDueDate").trim());
        } catch (DateTimeParseException e) {
            return page(accountNumber, "extension", form, List.of(new FieldProblem("newDueDate", "Give the new due date as 2026-12-01")), model);
        }
        try {
            Extensions.Extension x = extensions.extend(parse(accountNumber), billId, newDue);
            redirect.addFlashAttribute("flash", "Bill " + x.billId() + " is now due " + x.newDueDate() + ".");
            return "redirect:/accounts/" + accountNumber;
        } catch (BusinessRuleViolation e) {
            return page(accountNumber, "extension", form, e.problems(), model);
        }
    }

    @PostMapping("/accounts/{accountNumber}/collections/protection")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    String protect(@PathVariable String accountNumber, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        LocalDate startsOn;
        try {
            startsOn = blank(form.get("startsOn")) ? null : LocalDate.parse(form.get("startsOn").trim());
        } catch (DateTimeParseException e) {
            return page(accountNumber, "protection", form, List.of(new FieldProblem("startsOn", "Give the date as 2026-11-20")), model);
        }
        try {
            Protections.Protection p = protections.add(parse(accountNumber), form.get("kind"), startsOn, form.get("note"));
            redirect.addFlashAttribute("flash", (p.kind().equals("BANKRUPTCY") ? "Bankruptcy" : "Medical certificate")
                    + " of " + p.startsOn() + " recorded.");
            return "redirect:/accounts/" + accountNumber;
        } catch (BusinessRuleViolation e) {
            return page(accountNumber, "protection", form, e.problems(), model);
        }
    }

    @PostMapping("/accounts/{accountNumber}/collections/protection/{id}/end")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    String endProtection(@PathVariable String accountNumber, @PathVariable long id, RedirectAttributes redirect) {
        protections.end(parse(accountNumber), id);
        redirect.addFlashAttribute("flash", "Protection " + id + " ended today.");
        return "redirect:/accounts/" + accountNumber;
    }

    @GetMapping("/accounts/{accountNumber}/collections/deposit")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    String deposit(@PathVariable String accountNumber, @RequestParam Map<String, String> form, Model model) {
        return depositPage(accountNumber, form, List.of(), model);
    }

    private String depositPage(String accountNumber, Map<String, String> form, List<FieldProblem> problems, Model model) {
        AccountNumber number = parse(accountNumber);
        model.addAttribute("assessment", deposits.assess(number, waivers(form)));
        model.addAttribute("existing", deposits.deposit(facts.account(number).id()));
        model.addAttribute("creditChecks", CreditCheck.values());
        model.addAttribute("canManage", CurrentStaff.has(Permission.COLLECTIONS_MANAGE));
        page(accountNumber, "deposit", form, problems, model);
        return "collections/deposit";
    }

    @PostMapping("/accounts/{accountNumber}/collections/deposit")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    String requireDeposit(@PathVariable String accountNumber, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        int installments;
        try {
            installments = Integer.parseInt(form.getOrDefault("installments", "1").trim());
        } catch (NumberFormatException e) {
            return depositPage(accountNumber, form, List.of(new FieldProblem("installments", "Give the number of installments in digits")), model);
        }
        try {
            Deposits.Deposit d = deposits.require(parse(accountNumber), waivers(form), installments);
            redirect.addFlashAttribute("flash", "Deposit of " + d.amount().formatted() + " required in " + d.installments()
                    + " installment(s), charged to the account.");
            return "redirect:/accounts/" + accountNumber;
        } catch (BusinessRuleViolation e) {
            return depositPage(accountNumber, form, e.problems(), model);
        } catch (org.civicdesk.platform.Conflict e) {
            return depositPage(accountNumber, form, List.of(new FieldProblem("deposit", e.getMessage())), model);
        }
    }

    private static Deposits.Waivers waivers(Map<String, String> form) {
        CreditCheck check;
        try {
            check = blank(form.get("creditCheck")) ? CreditCheck.NOT_RUN : CreditCheck.valueOf(form.get("creditCheck"));
        } catch (IllegalArgumentException e) {
            check = CreditCheck.NOT_RUN;
        }
        return new Deposits.Waivers("on".equals(form.get("letterOfGoodCredit")) || "true".equals(form.get("letterOfGoodCredit")),
                check, "on".equals(form.get("suretyBond")) || "true".equals(form.get("suretyBond")));
    }

    @GetMapping("/collections/heat-days")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    String heatDays(Model model) {
        return heatDaysPage(Map.of(), List.of(), model);
    }

    private String heatDaysPage(Map<String, String> form, List<FieldProblem> problems, Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("today", today);
        model.addAttribute("canDeclare", CurrentStaff.has(Permission.HEAT_DAY_DECLARE));
        model.addAttribute("days", protections.heatDaysFrom(today.minusDays(30)));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        return "collections/heat-days";
    }

    @PostMapping("/collections/heat-days")
    @PreAuthorize("hasAuthority('HEAT_DAY_DECLARE')")
    String declare(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        LocalDate day;
        try {
            day = blank(form.get("day")) ? null : LocalDate.parse(form.get("day").trim());
        } catch (DateTimeParseException e) {
            return heatDaysPage(form, List.of(new FieldProblem("day", "Give the day as 2026-07-15")), model);
        }
        try {
            protections.declareHeatDay(day, form.get("note"));
            redirect.addFlashAttribute("flash", day + " is declared an excessive-heat day: no residential electric or water disconnection.");
            return "redirect:/collections/heat-days";
        } catch (BusinessRuleViolation e) {
            return heatDaysPage(form, e.problems(), model);
        } catch (org.civicdesk.platform.Conflict e) {
            return heatDaysPage(form, List.of(new FieldProblem("day", e.getMessage())), model);
        }
    }

    private static AccountNumber parse(String accountNumber) {
        return AccountNumber.parse(accountNumber).orElseThrow(() -> new org.civicdesk.platform.RecordNotFound("accountNumber",
                "No account " + accountNumber));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

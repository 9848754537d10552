package org.civicdesk.portal.internal.selfservice;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.civicdesk.collections.Decision;
import org.civicdesk.collections.SelfServiceCollections;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.CasePriority;
import org.civicdesk.customer.CaseType;
import org.civicdesk.customer.Cases;
import org.civicdesk.customer.ServiceLifecycle;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.civicdesk.portal.internal.PortalAccountAccess;
import org.civicdesk.portal.internal.PortalCustomer;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A customer's requests. Stopping service goes through the customer module's ServiceLifecycle exactly as a
 * specialist's stop does (final bill, field orders, landlord reversion). Starting service at another address and
 * moving (transfer) need an occupancy document and, for the premise, checks a specialist makes, which cannot be
 * done online: they open a service-request case for staff instead, and the page says so. Payment arrangements
 * and due-date extensions are decided by collections with the counter's policies and code. Questions, complaints
 * and billing disputes open a case. Every action runs with the portal login as the actor.
 */
@Controller
class RequestsController {

    private static final String BASE = SelfServiceController.BASE + "/requests";
    static final Set<String> CASE_TYPES = Set.of("INQUIRY", "COMPLAINT", "BILLING_DISPUTE");
    /** The portal's own limits on a case's subject and description (the case book allows at least these). */
    static final int CASE_SUBJECT_MAX = 120;
    static final int CASE_DESCRIPTION_MAX = 4000;
    static final List<String> SERVICES = List.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE");

    private final PortalAccountAccess access;
    private final AccountOverview overview;
    private final SelfServiceCollections collections;
    private final ServiceLifecycle lifecycle;
    private final Cases cases;
    private final Accounts accounts;
    private final MessageSource messages;
    private final Clock clock;

    RequestsController(PortalAccountAccess access, AccountOverview overview, SelfServiceCollections collections,
            ServiceLifecycle lifecycle, Cases cases, Accounts accounts, MessageSource messages, Clock clock) {
        this.access = access;
        this.overview = overview;
        this.collections = collections;
        this.lifecycle = lifecycle;
        this.cases = cases;
        this.accounts = accounts;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping(BASE)
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String menu(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number, Locale locale, Model model) {
        access.requireLinked(customer, number);
        SelfServiceController.common(model, number, locale, "requests");
        return "portal/account/requests";
    }

    private String form(String number, String kind, Map<String, String> form, List<PortalProblems.Problem> problems, Locale locale,
            Model model) {
        SelfServiceController.common(model, number, locale, "requests");
        model.addAttribute("kind", kind);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("allServices", SERVICES);
        switch (kind) {
            case "stop", "transfer" -> model.addAttribute("services", AccountOverview.services(
                    accounts.account(new AccountNumber(number)), LocalDate.now(clock)));
            case "arrangement" -> {
                Decision eligibility = collections.arrangementEligibility(number);
                model.addAttribute("eligibility", eligibility);
                model.addAttribute("eligibilityReasons", new PortalProblems(messages, locale).reasons(eligibility));
                model.addAttribute("maxMonths", collections.arrangementMaxMonths());
                model.addAttribute("s", overview.summary(number));
            }
            case "extension" -> {
                model.addAttribute("bills", collections.extendableBills(number));
                model.addAttribute("maxDays", collections.extensionMaxDays());
            }
            default -> {
            }
        }
        // start and transfer are one form; a transfer also asks where the customer moves from
        return "portal/account/request-" + (kind.equals("start") || kind.equals("transfer") ? "move" : kind);
    }

    @GetMapping(BASE + "/{kind:stop|start|transfer|arrangement|extension|case}")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String show(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number, @PathVariable String kind,
            Locale locale, Model model) {
        access.requireLinked(customer, number);
        return form(number, kind, Map.of(), List.of(), locale, model);
    }

    private String done(String number, String key, Locale locale, RedirectAttributes redirect, Object... args) {
        redirect.addFlashAttribute("flash", messages.getMessage(key, args, locale));
        return "redirect:/portal/accounts/" + number + "/requests";
    }

    private static LocalDate date(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(typed.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @PostMapping(BASE + "/stop")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String stop(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam Map<String, String> form, @RequestParam(name = "premiseId", required = false) Long premiseId,
            Locale locale, Model model, RedirectAttributes redirect) {
        access.requireLinked(customer, number);
        PortalProblems p = new PortalProblems(messages, locale);
        List<PortalProblems.Problem> problems = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        LocalDate stopDate = date(form.get("stopDate"));
        if (stopDate == null) {
            problems.add(p.problem("stopDate", "selfservice.request.error.date"));
        } else if (stopDate.isBefore(today)) {
            // staff may record a stop that already happened; a customer asks for today or later
            problems.add(p.problem("stopDate", "selfservice.request.error.past"));
        }
        List<AccountOverview.ServiceLine> open = AccountOverview.services(accounts.account(new AccountNumber(number)), today);
        if (premiseId == null || open.stream().noneMatch(s -> s.premiseId() == premiseId)) {
            problems.add(p.problem("premiseId", "selfservice.request.error.address"));
        }
        if (!"on".equals(form.get("confirm")) && !"true".equals(form.get("confirm"))) {
            problems.add(p.problem("confirm", "selfservice.stop.error.confirm"));
        }
        if (!problems.isEmpty()) {
            return form(number, "stop", form, problems, locale, model);
        }
        try {
            ServiceLifecycle.StopResult r = PortalActor.act(customer, () -> lifecycle.stop(new AccountNumber(number),
                    new ServiceLifecycle.StopService(stopDate, premiseId, List.of())));
            return done(number, "selfservice.stop.done", locale, redirect, r.stopped().size(),
                    new PortalFormat(locale).date(stopDate));
        } catch (BusinessRuleViolation e) {
            // the latest start among the address's services: a stop before it is refused
            LocalDate startedOn = open.stream().filter(s -> s.premiseId() == premiseId).map(AccountOverview.ServiceLine::startDate)
                    .filter(java.util.Objects::nonNull).max(LocalDate::compareTo).orElse(null);
            return form(number, "stop", form, p.refused(e, "stopDate", Set.of("stopDate", "premiseId", "confirm"), stopDate,
                    startedOn), locale, model);
        }
    }

    /** Start and transfer: a service-request case for a specialist, who checks the documents and calls back. */
    @PostMapping(BASE + "/{kind:start|transfer}")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String startOrTransfer(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @PathVariable String kind, @RequestParam Map<String, String> form,
            @RequestParam(name = "services", required = false) List<String> services, Locale locale, Model model,
            RedirectAttributes redirect) {
        access.requireLinked(customer, number);
        PortalProblems p = new PortalProblems(messages, locale);
        List<PortalProblems.Problem> problems = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        LocalDate startDate = date(form.get("startDate"));
        if (startDate == null) {
            problems.add(p.problem("startDate", "selfservice.request.error.date"));
        } else if (startDate.isBefore(today)) {
            problems.add(p.problem("startDate", "selfservice.request.error.past"));
        }
        String address = form.getOrDefault("address", "").strip();
        if (address.length() < 5) {
            problems.add(p.problem("address", "selfservice.request.error.new-address"));
        } else if (address.length() > 200) {
            problems.add(p.problem("address", "selfservice.request.error.too-long", 200));
        }
        List<String> chosen = services == null ? List.of() : services.stream().filter(SERVICES::contains).distinct().toList();
        if (chosen.isEmpty()) {
            problems.add(p.problem("services", "selfservice.request.error.services"));
        }
        String phone = form.getOrDefault("phone", "").strip();
        if (!phone.replaceAll("[^0-9]", "").matches("[0-9]{10,11}")) {
            problems.add(p.problem("phone", "selfservice.request.error.phone"));
        }
        String fromAddress = null;
        if (kind.equals("transfer")) {
            Long fromPremise = parseLong(form.get("premiseId"));
            var open = AccountOverview.services(accounts.account(new AccountNumber(number)), today);
            var from = open.stream().filter(s -> fromPremise != null && s.premiseId() == fromPremise).findFirst();
            if (from.isEmpty()) {
                problems.add(p.problem("premiseId", "selfservice.request.error.address"));
            } else {
                fromAddress = from.get().address();
            }
        }
        if (!problems.isEmpty()) {
            return form(number, kind, form, problems, locale, model);
        }
        long accountId = accounts.idOf(new AccountNumber(number));
        String subject = (kind.equals("start") ? "Start service" : "Transfer service") + " requested online for " + startDate;
        String description = "Requested on the portal by " + customer.email() + " (" + PortalActor.name(customer) + ").\n"
                + (fromAddress == null ? "" : "Moving from: " + fromAddress + "\n")
                + "New address: " + address + "\nServices: " + String.join(", ", chosen) + "\nStart date: " + startDate
                + "\nCall-back phone: " + phone
                + "\nTo do: check the customer's identity and occupancy documents (lease, deed or closing statement), "
                + "then start or transfer the service from the account screen.";
        try {
            Cases.Case c = PortalActor.act(customer, () -> cases.open(accountId, new Cases.NewCase(CaseType.SERVICE_REQUEST,
                    CasePriority.HIGH, subject, description, null, null)));
            return done(number, "selfservice." + kind + ".done", locale, redirect, c.id());
        } catch (BusinessRuleViolation e) {
            return form(number, kind, form, p.refused(e, "address", Set.of("address", "startDate", "services", "phone", "premiseId"),
                    CASE_SUBJECT_MAX, CASE_DESCRIPTION_MAX), locale, model);
        }
    }

    private static Long parseLong(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @PostMapping(BASE + "/arrangement")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String arrangement(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam Map<String, String> form, Locale locale, Model model, RedirectAttributes redirect) {
        access.requireLinked(customer, number);
        Integer months;
        try {
            months = Integer.valueOf(form.getOrDefault("months", "").strip());
        } catch (NumberFormatException e) {
            return form(number, "arrangement", form, List.of(new PortalProblems(messages, locale).problem("months",
                    "selfservice.arrangement.error.months", collections.arrangementMaxMonths())), locale, model);
        }
        try {
            SelfServiceCollections.ArrangementStatus a = PortalActor.act(customer,
                    () -> collections.requestArrangement(number, months));
            PortalFormat f = new PortalFormat(locale);
            return done(number, "selfservice.arrangement.done", locale, redirect, f.money(a.amount()), a.months(),
                    f.money(a.installments().isEmpty() ? Money.ZERO : a.installments().get(0).amount()),
                    f.date(a.installments().isEmpty() ? null : a.installments().get(0).dueDate()));
        } catch (BusinessRuleViolation e) {
            model.addAttribute("refused", true);
            return form(number, "arrangement", form, new PortalProblems(messages, locale).refused(e, "months", Set.of("months"),
                    months, collections.arrangementMaxMonths()), locale, model);
        }
    }

    @PostMapping(BASE + "/extension")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String extension(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam Map<String, String> form, Locale locale, Model model, RedirectAttributes redirect) {
        access.requireLinked(customer, number);
        PortalProblems p = new PortalProblems(messages, locale);
        List<PortalProblems.Problem> problems = new ArrayList<>();
        Long billId = parseLong(form.get("billId"));
        // only the account's own extendable bills: another account's bill answers like no bill
        SelfServiceCollections.ExtendableBill bill = billId == null ? null : collections.extendableBills(number).stream()
                .filter(b -> b.billId() == billId).findFirst().orElse(null);
        if (bill == null) {
            problems.add(p.problem("billId", "selfservice.extension.error.bill"));
        }
        LocalDate newDueDate = date(form.get("newDueDate"));
        if (newDueDate == null) {
            problems.add(p.problem("newDueDate", "selfservice.request.error.date"));
        }
        if (!problems.isEmpty()) {
            return form(number, "extension", form, problems, locale, model);
        }
        try {
            SelfServiceCollections.ExtendableBill b = PortalActor.act(customer,
                    () -> collections.requestExtension(number, billId, newDueDate));
            return done(number, "selfservice.extension.done", locale, redirect, b.billId(),
                    new PortalFormat(locale).date(b.dueDate()));
        } catch (BusinessRuleViolation e) {
            model.addAttribute("refused", true);
            return form(number, "extension", form, p.refused(e, "newDueDate", Set.of("billId", "newDueDate"), newDueDate,
                    bill.dueDate(), bill.latestNewDueDate(), collections.extensionMaxDays()), locale, model);
        }
    }

    @PostMapping(BASE + "/case")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String openCase(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam Map<String, String> form, Locale locale, Model model, RedirectAttributes redirect) {
        access.requireLinked(customer, number);
        PortalProblems p = new PortalProblems(messages, locale);
        List<PortalProblems.Problem> problems = new ArrayList<>();
        String type = form.getOrDefault("type", "");
        if (!CASE_TYPES.contains(type)) {
            problems.add(p.problem("type", "selfservice.case.error.type"));
        }
        String subject = form.getOrDefault("subject", "").strip();
        if (subject.isEmpty()) {
            problems.add(p.problem("subject", "selfservice.case.error.subject"));
        } else if (subject.length() > CASE_SUBJECT_MAX) {
            problems.add(p.problem("subject", "selfservice.request.error.too-long", CASE_SUBJECT_MAX));
        }
        String description = form.getOrDefault("description", "").strip();
        if (description.isEmpty()) {
            problems.add(p.problem("description", "selfservice.case.error.description"));
        } else if (description.length() > CASE_DESCRIPTION_MAX) {
            problems.add(p.problem("description", "selfservice.request.error.too-long", CASE_DESCRIPTION_MAX));
        }
        Money disputed = null;
        if ("BILLING_DISPUTE".equals(type)) {
            disputed = PortalProblems.amount(form.get("disputedAmount"));
            if (disputed == null || !disputed.isPositive()) {
                problems.add(p.problem("disputedAmount", "selfservice.case.error.disputed"));
            }
        }
        if (!problems.isEmpty()) {
            return form(number, "case", form, problems, locale, model);
        }
        long accountId = accounts.idOf(new AccountNumber(number));
        Money amount = disputed;
        try {
            Cases.Case c = PortalActor.act(customer, () -> cases.open(accountId, new Cases.NewCase(CaseType.valueOf(type),
                    CasePriority.NORMAL, subject, description + "\n\n(Opened on the portal by " + customer.email() + ")",
                    null, amount)));
            return done(number, "selfservice.case.done", locale, redirect, c.id(), new PortalFormat(locale).date(c.dueOn()));
        } catch (BusinessRuleViolation e) {
            return form(number, "case", form, p.refused(e, "subject", Set.of("type", "subject", "description", "disputedAmount"),
                    CASE_SUBJECT_MAX, CASE_DESCRIPTION_MAX), locale, model);
        }
    }
}

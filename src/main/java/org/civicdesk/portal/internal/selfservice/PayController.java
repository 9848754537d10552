package org.civicdesk.portal.internal.selfservice;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.civicdesk.cashiering.OnlinePayments;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
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
 * Pay now: the amount, then by card (the processor's hosted step takes the card number; this page gets back only
 * its token, brand and last four digits, and the customer confirms) or by a one-time bank debit; autopay. Each
 * payment form carries a submission id made when it was shown, so sending it twice pays once.
 */
@Controller
class PayController {

    private static final String BASE = SelfServiceController.BASE;
    /** The bank fields of the bank payment and autopay forms, where cashiering's refusals are shown. */
    private static final Set<String> BANK_FIELDS = Set.of("amount", "routingNumber", "bankAccountNumber", "accountType",
            "holderName", "authorise");
    private static final Set<String> BANK_PAYMENT_FIELDS = Set.of("amount", "method", "routingNumber", "bankAccountNumber",
            "accountType", "holderName", "authorise");

    private final PortalAccountAccess access;
    private final AccountOverview overview;
    private final OnlinePayments online;
    private final MessageSource messages;

    PayController(PortalAccountAccess access, AccountOverview overview, OnlinePayments online, MessageSource messages,
            @org.springframework.beans.factory.annotation.Value("${civicdesk.portal.bank-payments:true}") boolean bankPayments) {
        this.bankPayments = bankPayments;
        this.access = access;
        this.overview = overview;
        this.online = online;
        this.messages = messages;
    }

    /**
     * One-time bank debits are posted at once and collected by cashiering's daily WEB debit file; a city whose
     * bank does not take that file turns them off (civicdesk.portal.bank-payments=false).
     */
    private final boolean bankPayments;

    private void requireBankPayments() {
        if (!bankPayments) {
            throw new org.civicdesk.platform.RecordNotFound("method", "Payment from a bank account is not offered.");
        }
    }

    private String payPage(String number, Map<String, String> form, List<PortalProblems.Problem> problems, Locale locale, Model model) {
        SelfServiceController.common(model, number, locale, "pay");
        model.addAttribute("bankPayments", bankPayments);
        AccountOverview.Summary s = overview.summary(number);
        model.addAttribute("s", s);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("amount", form.getOrDefault("amount", s.amountDue().isPositive() ? s.amountDue().amount().toPlainString() : ""));
        return "portal/account/pay";
    }

    @GetMapping(BASE + "/pay")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String pay(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number, Locale locale, Model model) {
        access.requireLinked(customer, number);
        return payPage(number, Map.of(), List.of(), locale, model);
    }

    private Money checkedAmount(String typed, PortalProblems p, List<PortalProblems.Problem> problems) {
        Money amount = PortalProblems.amount(typed);
        if (amount == null || !amount.isPositive()) {
            problems.add(p.problem("amount", "selfservice.pay.error.amount"));
            return null;
        }
        if (amount.compareTo(OnlinePayments.MAXIMUM) > 0) {
            problems.add(p.problem("amount", "selfservice.pay.error.maximum", OnlinePayments.MAXIMUM.formatted()));
            return null;
        }
        return amount;
    }

    /** The amount chosen: on to the processor's hosted card step, which comes back to the confirmation. */
    @PostMapping(BASE + "/pay/card")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String toCardStep(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam Map<String, String> form, Locale locale, Model model) {
        access.requireLinked(customer, number);
        List<PortalProblems.Problem> problems = new java.util.ArrayList<>();
        Money amount = checkedAmount(form.get("amount"), new PortalProblems(messages, locale), problems);
        if (amount == null) {
            return payPage(number, form, problems, locale, model);
        }
        return "redirect:" + online.hostedCardStep(amount, "/portal/accounts/" + number + "/pay/card/confirm");
    }

    @GetMapping(BASE + "/pay/card/confirm")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String confirmCard(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam Map<String, String> form, Locale locale, Model model) {
        access.requireLinked(customer, number);
        return confirmPage(number, form, UUID.randomUUID().toString(), List.of(), locale, model);
    }

    private String confirmPage(String number, Map<String, String> form, String submissionId, List<PortalProblems.Problem> problems,
            Locale locale, Model model) {
        SelfServiceController.common(model, number, locale, "pay");
        model.addAttribute("form", form);
        model.addAttribute("submissionId", submissionId);
        model.addAttribute("problems", problems);
        model.addAttribute("amount", PortalProblems.amount(form.get("amount")));
        return "portal/account/pay-card-confirm";
    }

    @PostMapping(BASE + "/pay/card/confirm")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String payByCard(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam Map<String, String> form, Locale locale, Model model, RedirectAttributes redirect) {
        access.requireLinked(customer, number);
        List<PortalProblems.Problem> problems = new java.util.ArrayList<>();
        Money amount = checkedAmount(form.get("amount"), new PortalProblems(messages, locale), problems);
        if (amount == null) {
            return confirmPage(number, form, form.get("submissionId"), problems, locale, model);
        }
        try {
            OnlinePayments.Receipt r = PortalActor.act(customer, () -> online.payByCard(new OnlinePayments.CardPayment(number,
                    amount, form.get("cardToken"), form.get("cardBrand"), form.get("cardLast4"), form.get("submissionId"),
                    customer.email())));
            return receiptRedirect(number, r, redirect);
        } catch (BusinessRuleViolation e) {
            model.addAttribute("declined", "payment.card-declined".equals(e.code()));
            return confirmPage(number, form, form.get("submissionId"), new PortalProblems(messages, locale).refused(e, "card",
                    Set.of("card", "method"), OnlinePayments.MAXIMUM, lastFour(form.get("cardLast4"))), locale, model);
        }
    }

    /** The card's last four digits as the processor sent them back, or nothing when they are not four digits. */
    private static String lastFour(String typed) {
        return typed != null && typed.matches("[0-9]{4}") ? typed : "";
    }

    private static String receiptRedirect(String number, OnlinePayments.Receipt r, RedirectAttributes redirect) {
        redirect.addFlashAttribute("paid", true);
        redirect.addFlashAttribute("replayed", r.replayed());
        return "redirect:/portal/accounts/" + number + "/payments/" + r.paymentId();
    }

    private String bankPage(String number, Map<String, String> form, String submissionId, List<PortalProblems.Problem> problems,
            Locale locale, Model model) {
        SelfServiceController.common(model, number, locale, "pay");
        AccountOverview.Summary s = overview.summary(number);
        model.addAttribute("s", s);
        model.addAttribute("form", form);
        model.addAttribute("submissionId", submissionId);
        model.addAttribute("problems", problems);
        model.addAttribute("amount", form.getOrDefault("amount", s.amountDue().isPositive() ? s.amountDue().amount().toPlainString() : ""));
        return "portal/account/pay-bank";
    }

    @GetMapping(BASE + "/pay/bank")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String bankForm(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam Map<String, String> form, Locale locale, Model model) {
        access.requireLinked(customer, number);
        requireBankPayments();
        return bankPage(number, form, UUID.randomUUID().toString(), List.of(), locale, model);
    }

    @PostMapping(BASE + "/pay/bank")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String payByBank(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam Map<String, String> form, Locale locale, Model model, RedirectAttributes redirect) {
        access.requireLinked(customer, number);
        requireBankPayments();
        PortalProblems p = new PortalProblems(messages, locale);
        List<PortalProblems.Problem> problems = new java.util.ArrayList<>();
        Money amount = checkedAmount(form.get("amount"), p, problems);
        if (!"on".equals(form.get("authorise")) && !"true".equals(form.get("authorise"))) {
            problems.add(p.problem("authorise", "selfservice.bank.error.authorise"));
        }
        if (!problems.isEmpty()) {
            return bankPage(number, form, form.get("submissionId"), problems, locale, model);
        }
        try {
            OnlinePayments.Receipt r = PortalActor.act(customer, () -> online.payByBank(new OnlinePayments.BankPayment(number,
                    amount, form.get("routingNumber"), form.get("bankAccountNumber"), form.get("accountType"),
                    form.get("holderName"), form.get("submissionId"))));
            return receiptRedirect(number, r, redirect);
        } catch (BusinessRuleViolation e) {
            return bankPage(number, form, form.get("submissionId"), p.refused(e, "amount", BANK_PAYMENT_FIELDS, OnlinePayments.MAXIMUM),
                    locale, model);
        }
    }

    private String autopayPage(String number, Map<String, String> form, List<PortalProblems.Problem> problems, Locale locale, Model model) {
        SelfServiceController.common(model, number, locale, "pay");
        model.addAttribute("enrolment", online.autopay(number).orElse(null));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        return "portal/account/autopay";
    }

    @GetMapping(BASE + "/autopay")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String autopay(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number, Locale locale, Model model) {
        access.requireLinked(customer, number);
        return autopayPage(number, Map.of(), List.of(), locale, model);
    }

    @PostMapping(BASE + "/autopay")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String enrol(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam Map<String, String> form, Locale locale, Model model, RedirectAttributes redirect) {
        access.requireLinked(customer, number);
        PortalProblems p = new PortalProblems(messages, locale);
        if (!"on".equals(form.get("authorise")) && !"true".equals(form.get("authorise"))) {
            return autopayPage(number, form, List.of(p.problem("authorise", "selfservice.autopay.error.authorise")), locale, model);
        }
        try {
            PortalActor.act(customer, () -> online.enrolAutopay(number, form.get("routingNumber"), form.get("bankAccountNumber"),
                    form.get("accountType"), form.get("holderName")));
        } catch (BusinessRuleViolation e) {
            return autopayPage(number, form, p.refused(e, "routingNumber", BANK_FIELDS), locale, model);
        } catch (Conflict e) {
            return autopayPage(number, form, List.of(p.problem("routingNumber", "selfservice.autopay.error.already")), locale, model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("selfservice.autopay.enrolled", null, locale));
        return "redirect:/portal/accounts/" + number + "/autopay";
    }

    @PostMapping(BASE + "/autopay/cancel")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String cancelAutopay(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number, Locale locale,
            Model model, RedirectAttributes redirect) {
        access.requireLinked(customer, number);
        try {
            PortalActor.act(customer, () -> {
                online.cancelAutopay(number, "Cancelled by the customer on the portal");
                return null;
            });
        } catch (BusinessRuleViolation e) {
            return autopayPage(number, Map.of(), List.of(new PortalProblems(messages, locale).problem("autopay",
                    "selfservice.autopay.error.none")), locale, model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("selfservice.autopay.cancelled", null, locale));
        return "redirect:/portal/accounts/" + number + "/autopay";
    }
}

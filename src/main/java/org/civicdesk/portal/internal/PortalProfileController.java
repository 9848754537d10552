package org.civicdesk.portal.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.CustomerDetails;
import org.civicdesk.customer.Customers;
import org.civicdesk.platform.BusinessRuleViolation;
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
 * The profile: each linked account's phone, e-mail, mailing address and paperless choice (changed through the
 * customer module, audited like a specialist's change with the portal login as actor), the language, the second
 * factor and the password.
 */
@Controller
class PortalProfileController {

    /** One linked account's contact details as the form shows them. */
    record AccountContact(String accountNumber, String phone, String email, String line1, String line2, String city,
            String state, String zip, boolean paperless) {
    }

    private final PortalAccounts portal;
    private final PortalAccountAccess access;
    private final Accounts accounts;
    private final Customers customers;
    private final java.time.Clock clock;

    PortalProfileController(PortalAccounts portal, PortalAccountAccess access, Accounts accounts, Customers customers,
            java.time.Clock clock) {
        this.clock = clock;
        this.portal = portal;
        this.access = access;
        this.accounts = accounts;
        this.customers = customers;
    }

    private String page(PortalCustomer customer, Model model, Map<String, String> problems, String problemAccount) {
        List<AccountContact> contacts = new ArrayList<>();
        for (String number : access.linkedAccounts(customer.loginId())) {
            AccountDetails a = accounts.account(new AccountNumber(number));
            CustomerDetails c = customers.customer(a.customerId());
            contacts.add(new AccountContact(number, c.phones().isEmpty() ? "" : c.phones().get(0).digits(),
                    c.emails().isEmpty() ? "" : c.emails().get(0), a.mailing().line1(), a.mailing().line2(),
                    a.mailing().city(), a.mailing().state(), a.mailing().zip(), a.paperless()));
        }
        model.addAttribute("contacts", contacts);
        model.addAttribute("login", portal.login(customer.loginId()).orElseThrow());
        model.addAttribute("problems", problems);
        model.addAttribute("problemAccount", problemAccount);
        return "portal/profile";
    }

    @GetMapping("/portal/profile")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String profile(@AuthenticationPrincipal PortalCustomer customer, Model model) {
        return page(customer, model, Map.of(), null);
    }

    @PostMapping("/portal/profile/accounts/{number}")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String contact(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @RequestParam(required = false) String phone, @RequestParam(required = false) String email,
            @RequestParam(required = false) String line1, @RequestParam(required = false) String line2,
            @RequestParam(required = false) String city, @RequestParam(required = false) String state,
            @RequestParam(required = false) String zip, @RequestParam(defaultValue = "false") boolean paperless,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            portal.changeContact(customer, number,
                    new PortalAccounts.ContactChange(phone, email, line1, line2, city, state, zip, paperless));
        } catch (BusinessRuleViolation e) {
            response.setStatus(422);
            // the customer module's reasons are in English; the portal names the field in the reader's language
            return page(customer, model, contactProblems(e, number), number);
        }
        redirect.addFlashAttribute("flashKey", "portal.profile.saved");
        return "redirect:/portal/profile";
    }

    /** The contact form's input of each field the customer module names, and the portal's key for it. */
    static final Map<String, String> CONTACT_FIELDS = Map.of("phones", "phone", "emails", "contact-email",
            "mailing.line1", "line1", "mailing.city", "city", "mailing.state", "state", "mailing.zip", "zip");

    /**
     * A refused contact change as the page's problems: each field the customer module names (phones[0],
     * mailing.zip) under that account's input with the portal's sentence, anything else as the form's sentence.
     */
    static Map<String, String> contactProblems(BusinessRuleViolation e, String number) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        boolean unnamed = e.problems().isEmpty() || !"account.invalid-change".equals(e.code());
        for (BusinessRuleViolation.FieldProblem p : unnamed ? List.<BusinessRuleViolation.FieldProblem>of() : e.problems()) {
            String input = CONTACT_FIELDS.get(p.field() == null ? "" : p.field().replaceAll("\\[[0-9]+]$", ""));
            if (input == null) {
                unnamed = true;
            } else {
                problems.putIfAbsent(input + "-" + number, "portal.profile.contact.invalid." + input);
            }
        }
        if (unnamed) {
            problems.put("form", "portal.profile.contact.invalid");
        }
        return problems;
    }

    @PostMapping("/portal/profile/language")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String language(@AuthenticationPrincipal PortalCustomer customer, @RequestParam(required = false) String language,
            RedirectAttributes redirect) {
        portal.changeLanguage(customer, language);
        redirect.addFlashAttribute("flashKey", "portal.profile.saved");
        return "redirect:/portal/profile?lang=" + language;
    }

    @PostMapping("/portal/profile/password")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String password(@AuthenticationPrincipal PortalCustomer customer,
            @RequestParam(required = false) String currentPassword, @RequestParam(required = false) String newPassword,
            jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        try {
            portal.changePassword(customer, currentPassword, newPassword);
        } catch (BusinessRuleViolation e) {
            response.setStatus(422);
            return page(customer, model, PortalAccessController.problems(e), null);
        }
        // this session carries on: it began with the new password
        PortalSessionFilter.began(request.getSession(), clock.instant());
        redirect.addFlashAttribute("flashKey", "portal.profile.password.changed");
        return "redirect:/portal/profile";
    }

    @GetMapping("/portal/profile/totp")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String totp(@AuthenticationPrincipal PortalCustomer customer, Model model) {
        if (portal.totpEnabled(customer)) {
            return "redirect:/portal/profile";
        }
        String secret = portal.pendingTotpSecret(customer).orElseGet(() -> portal.startTotp(customer));
        model.addAttribute("secret", secret);
        model.addAttribute("uri", TotpCodes.otpauthUri("City of Mesa", customer.email(), secret));
        return "portal/totp";
    }

    @PostMapping("/portal/profile/totp")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String confirmTotp(@AuthenticationPrincipal PortalCustomer customer, @RequestParam(required = false) String code,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        if (!portal.confirmTotp(customer, code)) {
            response.setStatus(422);
            String secret = portal.pendingTotpSecret(customer).orElseGet(() -> portal.startTotp(customer));
            model.addAttribute("secret", secret);
            model.addAttribute("uri", TotpCodes.otpauthUri("City of Mesa", customer.email(), secret));
            model.addAttribute("error", "portal.code.wrong");
            return "portal/totp";
        }
        redirect.addFlashAttribute("flashKey", "portal.totp.enabled");
        return "redirect:/portal/profile";
    }

    @PostMapping("/portal/profile/totp/off")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String disableTotp(@AuthenticationPrincipal PortalCustomer customer, @RequestParam(required = false) String password,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            portal.disableTotp(customer, password);
        } catch (BusinessRuleViolation e) {
            response.setStatus(422);
            return page(customer, model, Map.of("totpPassword", "portal.password.wrong"), null);
        }
        redirect.addFlashAttribute("flashKey", "portal.totp.disabled");
        return "redirect:/portal/profile";
    }
}

package org.civicdesk.portal.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.BillSummary;
import org.civicdesk.billing.Bills;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.Agreement;
import org.civicdesk.customer.CustomerDetails;
import org.civicdesk.customer.Customers;
import org.civicdesk.customer.PremiseDetails;
import org.civicdesk.customer.Premises;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in customer's home (their accounts), the premises they own, and linking another account. */
@Controller
class PortalHomeController {

    /** One linked account on the home page. */
    record AccountCard(String accountNumber, String status, List<String> serviceAddresses, List<String> services,
            BillSummary lastBill) {
    }

    /** One owned premise on the premises page. */
    record OwnedPremise(String address, String role, boolean occupied, List<String> services) {
    }

    private final PortalAccountAccess access;
    private final PortalAccounts portal;
    private final Accounts accounts;
    private final Bills bills;
    private final Customers customers;
    private final Premises premises;
    private final BusinessTime time;

    PortalHomeController(PortalAccountAccess access, PortalAccounts portal, Accounts accounts, Bills bills,
            Customers customers, Premises premises, BusinessTime time) {
        this.access = access;
        this.portal = portal;
        this.accounts = accounts;
        this.bills = bills;
        this.customers = customers;
        this.premises = premises;
        this.time = time;
    }

    private static boolean current(Agreement a) {
        return "ACTIVE".equals(a.status()) || "PENDING_STOP".equals(a.status());
    }

    @GetMapping("/portal")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String home(@AuthenticationPrincipal PortalCustomer customer, Model model) {
        List<AccountCard> cards = new ArrayList<>();
        for (String number : access.linkedAccounts(customer.loginId())) {
            AccountDetails a = accounts.account(new AccountNumber(number));
            List<Agreement> agreements = a.agreements().stream().filter(PortalHomeController::current).toList();
            List<BillSummary> last = bills.ofAccount(number, 5).stream().filter(b -> !b.cancelled()).limit(1).toList();
            cards.add(new AccountCard(number, a.status(),
                    List.copyOf(new LinkedHashSet<>(agreements.stream().map(Agreement::premiseAddress).toList())),
                    List.copyOf(new LinkedHashSet<>(agreements.stream().map(Agreement::serviceType).toList())),
                    last.isEmpty() ? null : last.get(0)));
        }
        model.addAttribute("cards", cards);
        model.addAttribute("login", portal.login(customer.loginId()).orElseThrow());
        return "portal/home";
    }

    @GetMapping("/portal/premises")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String premises(@AuthenticationPrincipal PortalCustomer customer, Model model) {
        LocalDate today = time.today();
        Map<Long, OwnedPremise> owned = new LinkedHashMap<>();
        Map<Long, Boolean> seenCustomers = new LinkedHashMap<>();
        for (String number : access.linkedAccounts(customer.loginId())) {
            long customerId = accounts.account(new AccountNumber(number)).customerId();
            if (seenCustomers.put(customerId, true) != null) {
                continue;
            }
            CustomerDetails c = customers.customer(customerId);
            for (CustomerDetails.OwnedPremise o : c.ownedPremises()) {
                if ((o.until() != null && o.until().isBefore(today)) || owned.containsKey(o.premiseId())) {
                    continue;
                }
                PremiseDetails p = premises.premise(o.premiseId());
                List<Agreement> active = p.agreements().stream().filter(PortalHomeController::current).toList();
                List<String> services = active.isEmpty() ? p.servicesAvailable()
                        : List.copyOf(new LinkedHashSet<>(active.stream().map(Agreement::serviceType).toList()));
                owned.put(o.premiseId(), new OwnedPremise(p.address(), o.role(), !active.isEmpty(), services));
            }
        }
        model.addAttribute("premises", List.copyOf(owned.values()));
        return "portal/premises";
    }

    @GetMapping("/portal/link")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String linkForm(Model model) {
        model.addAttribute("problems", Map.of());
        return "portal/link";
    }

    @PostMapping("/portal/link")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String link(@AuthenticationPrincipal PortalCustomer customer, @RequestParam(required = false) String accountNumber,
            @RequestParam(required = false) String nameOnBill, @RequestParam(required = false) String billAmount,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate billDate,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            if (portal.linkAccount(customer, new PortalAccounts.AccountProof(accountNumber, nameOnBill, billAmount,
                    billDate), request.getRemoteAddr())) {
                redirect.addFlashAttribute("flashKey", "portal.link.done");
                return "redirect:/portal";
            }
            model.addAttribute("problems", Map.of("form", "portal.link.not-proven"));
            response.setStatus(422);
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", PortalAccessController.problems(e));
            response.setStatus(422);
        } catch (PortalAccounts.RateLimited e) {
            model.addAttribute("problems", Map.of("form", "portal.rate-limited"));
            response.setStatus(429);
        }
        model.addAttribute("accountNumber", accountNumber);
        model.addAttribute("nameOnBill", nameOnBill);
        model.addAttribute("billAmount", billAmount);
        model.addAttribute("billDate", billDate);
        return "portal/link";
    }
}

package org.civicdesk.portal.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Getting in: sign-in (and its second-factor code), registration by proving an account, the e-mail link, and
 * forgotten passwords. Registration and reset requests always answer with the same page, whatever was found.
 */
@Controller
class PortalAccessController {

    private final PortalAccounts portal;
    private final PortalSignInSuccessHandler completion;

    PortalAccessController(PortalAccounts portal, PortalLogins logins, org.civicdesk.audit.AuditTrail audit,
            java.time.Clock clock) {
        this.portal = portal;
        this.completion = new PortalSignInSuccessHandler(logins, audit, clock, null);
    }

    /** Field name to message key, for the form's error summary and its fields. */
    static Map<String, String> problems(BusinessRuleViolation e) {
        Map<String, String> p = new LinkedHashMap<>();
        e.problems().forEach(f -> p.putIfAbsent(f.field(), f.reason()));
        if (p.isEmpty()) {
            p.put("form", e.getMessage());
        }
        return p;
    }

    @GetMapping("/portal/sign-in")
    @PreAuthorize("permitAll()")
    String signIn(@RequestParam(required = false) String error, HttpServletRequest request, Model model) {
        String notice = null;
        for (String n : new String[] {"signedOut", "expired", "ended", "reset", "verified"}) {
            if (request.getParameter(n) != null) {
                notice = "portal.sign-in.notice." + n;
            }
        }
        model.addAttribute("notice", notice);
        model.addAttribute("error", error == null ? null : "portal.sign-in.error."
                + (error.matches("throttled|unverified|locked|disabled") ? error : "credentials"));
        return "portal/sign-in";
    }

    @GetMapping("/portal/sign-in/code")
    @PreAuthorize("hasAuthority('PORTAL_TOTP_PENDING')")
    String codeForm() {
        return "portal/sign-in-code";
    }

    @PostMapping("/portal/sign-in/code")
    @PreAuthorize("hasAuthority('PORTAL_TOTP_PENDING')")
    String code(@AuthenticationPrincipal PortalCustomer customer, @RequestParam(required = false) String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalAccounts.CodeCheck check = portal.checkSignInCode(customer, code);
        if (check == PortalAccounts.CodeCheck.REFUSED) {
            model.addAttribute("error", "portal.code.wrong");
            response.setStatus(422);
            return "portal/sign-in-code";
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        if (check == PortalAccounts.CodeCheck.LOCKED) {
            SecurityContextHolder.setContext(context);
            PortalSecurityConfiguration.contextRepository().saveContext(context, request, response);
            PortalSessionFilter.forget(request.getSession());
            return "redirect:/portal/sign-in?error=locked";
        }
        request.changeSessionId();
        context.setAuthentication(PortalAuthenticationProvider.signedIn(customer));
        SecurityContextHolder.setContext(context);
        PortalSecurityConfiguration.contextRepository().saveContext(context, request, response);
        completion.completed(customer);
        return "redirect:/portal";
    }

    // ---- registration

    @GetMapping("/portal/register")
    @PreAuthorize("permitAll()")
    String registerForm(Model model) {
        model.addAttribute("problems", Map.of());
        return "portal/register";
    }

    @PostMapping("/portal/register")
    @PreAuthorize("permitAll()")
    String register(@RequestParam(required = false) String accountNumber, @RequestParam(required = false) String nameOnBill,
            @RequestParam(required = false) String billAmount,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate billDate,
            @RequestParam(required = false) String email, @RequestParam(required = false) String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        String language = PortalLanguage.languageOf(request);
        try {
            portal.register(new PortalAccounts.Registration(accountNumber, nameOnBill, billAmount, billDate, email,
                    password, language), request.getRemoteAddr());
            return "redirect:/portal/register/sent";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", problems(e));
            response.setStatus(422);
        } catch (PortalAccounts.RateLimited e) {
            model.addAttribute("problems", Map.of("form", "portal.rate-limited"));
            response.setStatus(429);
        }
        model.addAttribute("accountNumber", accountNumber);
        model.addAttribute("nameOnBill", nameOnBill);
        model.addAttribute("billAmount", billAmount);
        model.addAttribute("billDate", billDate);
        model.addAttribute("email", email);
        return "portal/register";
    }

    @GetMapping("/portal/register/sent")
    @PreAuthorize("permitAll()")
    String registered(Model model) {
        model.addAttribute("heading", "portal.register.sent.heading");
        model.addAttribute("message", "portal.register.sent.message");
        return "portal/message";
    }

    @GetMapping("/portal/verify")
    @PreAuthorize("permitAll()")
    String verifyForm(@RequestParam(required = false) String token, Model model) {
        // a GET only shows the button: mail scanners that open links must not use up the one-time link
        model.addAttribute("token", token);
        return "portal/verify";
    }

    @PostMapping("/portal/verify")
    @PreAuthorize("permitAll()")
    String verify(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        if (token != null && portal.verifyEmail(token)) {
            return "redirect:/portal/sign-in?verified";
        }
        response.setStatus(410);
        model.addAttribute("heading", "portal.link.invalid.heading");
        model.addAttribute("message", "portal.verify.invalid");
        return "portal/message";
    }

    // ---- forgotten password

    @GetMapping("/portal/forgot")
    @PreAuthorize("permitAll()")
    String forgotForm(Model model) {
        model.addAttribute("problems", Map.of());
        return "portal/forgot";
    }

    @PostMapping("/portal/forgot")
    @PreAuthorize("permitAll()")
    String forgot(@RequestParam(required = false) String email, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        try {
            portal.requestReset(email, request.getRemoteAddr());
            return "redirect:/portal/forgot/sent";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", problems(e));
            response.setStatus(422);
        } catch (PortalAccounts.RateLimited e) {
            model.addAttribute("problems", Map.of("form", "portal.rate-limited"));
            response.setStatus(429);
        }
        model.addAttribute("email", email);
        return "portal/forgot";
    }

    @GetMapping("/portal/forgot/sent")
    @PreAuthorize("permitAll()")
    String resetSent(Model model) {
        model.addAttribute("heading", "portal.forgot.sent.heading");
        model.addAttribute("message", "portal.forgot.sent.message");
        return "portal/message";
    }

    @GetMapping("/portal/reset")
    @PreAuthorize("permitAll()")
    String resetForm(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        if (!portal.resetLinkWorks(token)) {
            response.setStatus(410);
            model.addAttribute("heading", "portal.link.invalid.heading");
            model.addAttribute("message", "portal.reset.invalid");
            return "portal/message";
        }
        model.addAttribute("token", token);
        model.addAttribute("problems", Map.of());
        return "portal/reset";
    }

    @PostMapping("/portal/reset")
    @PreAuthorize("permitAll()")
    String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
            HttpServletResponse response, Model model) {
        try {
            if (portal.resetPassword(token, password)) {
                return "redirect:/portal/sign-in?reset";
            }
            response.setStatus(410);
            model.addAttribute("heading", "portal.link.invalid.heading");
            model.addAttribute("message", "portal.reset.invalid");
            return "portal/message";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("token", token);
            model.addAttribute("problems", problems(e));
            response.setStatus(422);
            return "portal/reset";
        }
    }
}

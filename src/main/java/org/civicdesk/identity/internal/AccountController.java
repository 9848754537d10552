package org.civicdesk.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A staff user changes their own password. */
@Controller
class AccountController {

    private final StaffUserAdministration administration;

    AccountController(StaffUserAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/account/password")
    @PreAuthorize("isAuthenticated()")
    String form(HttpServletRequest request, Model model) {
        model.addAttribute("required", request.getParameter("required") != null);
        return "account/password";
    }

    @PostMapping("/account/password")
    @PreAuthorize("isAuthenticated()")
    String change(Authentication auth, @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmPassword,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        try {
            Instant validFrom = administration.changeOwnPassword(auth.getName(), currentPassword, newPassword,
                    confirmPassword);
            // this session stays; every other session of the user ends
            request.getSession().setAttribute(StaffSessionFilter.SIGNED_IN_AT, validFrom);
            request.changeSessionId();
            redirect.addFlashAttribute("flash", "Your password was changed. Other sessions of yours were ended.");
            return "redirect:/";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("required", false);
            return "account/password";
        }
    }
}

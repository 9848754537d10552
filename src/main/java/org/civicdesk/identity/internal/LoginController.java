package org.civicdesk.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff sign-in page at the fixed address /login. */
@Controller
class LoginController {

    @GetMapping("/login")
    @PreAuthorize("permitAll()")
    String login(HttpServletRequest request, Model model) {
        if (request.getParameterMap().containsKey("error")) {
            HttpSession session = request.getSession(false);
            Object ex = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("error", ex instanceof AuthenticationException ae && ae.getMessage() != null
                    ? ae.getMessage() : StaffAuthenticationProvider.WRONG_CREDENTIALS);
            if (session != null) {
                session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            }
        } else if (request.getParameterMap().containsKey("signedOut")) {
            model.addAttribute("notice", "You have signed out.");
        } else if (request.getParameterMap().containsKey("expired")) {
            model.addAttribute("notice", "Your session reached its time limit. Please sign in again.");
        } else if (request.getParameterMap().containsKey("disabled")) {
            model.addAttribute("notice", "Your user was disabled. Ask an administrator.");
        } else if (request.getParameterMap().containsKey("ended")) {
            model.addAttribute("notice", "Your session was ended because the password changed. Please sign in again.");
        }
        return "login";
    }
}

package org.civicdesk.portal.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.civicdesk.audit.AuditTrail;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * After the password: a login with a second factor goes to the code page; any other is signed in, audited,
 * and sent where it was going (a portal page) or home.
 */
class PortalSignInSuccessHandler implements AuthenticationSuccessHandler {

    private final PortalLogins logins;
    private final AuditTrail audit;
    private final Clock clock;
    private final RequestCache savedRequests;

    PortalSignInSuccessHandler(PortalLogins logins, AuditTrail audit, Clock clock, RequestCache savedRequests) {
        this.logins = logins;
        this.audit = audit;
        this.clock = clock;
        this.savedRequests = savedRequests;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        PortalCustomer customer = (PortalCustomer) authentication.getPrincipal();
        PortalSessionFilter.began(request.getSession(), clock.instant());
        if (authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(PortalAuthenticationProvider.TOTP_PENDING))) {
            audit.recordEvent("portal-password-accepted-code-asked", "portal_login", Long.toString(customer.loginId()), null);
            response.sendRedirect(request.getContextPath() + "/portal/sign-in/code");
            return;
        }
        completed(customer);
        SavedRequest saved = savedRequests.getRequest(request, response);
        savedRequests.removeRequest(request, response);
        String target = saved != null && saved.getRedirectUrl().contains("/portal/") ? saved.getRedirectUrl()
                : request.getContextPath() + "/portal";
        response.sendRedirect(target);
    }

    /** The sign-in is complete (password, and code when asked): recorded and audited. */
    void completed(PortalCustomer customer) {
        logins.signedIn(customer.loginId());
        audit.recordEvent("signed-in", "portal_login", Long.toString(customer.loginId()), null);
    }
}

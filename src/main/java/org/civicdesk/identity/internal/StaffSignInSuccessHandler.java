package org.civicdesk.identity.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.civicdesk.audit.AuditTrail;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** Marks when the session began (for the absolute timeout) and audits the sign-in. */
class StaffSignInSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

    private final Clock clock;
    private final AuditTrail audit;

    StaffSignInSuccessHandler(Clock clock, AuditTrail audit) {
        this.clock = clock;
        this.audit = audit;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws ServletException, IOException {
        request.getSession().setAttribute(StaffSessionFilter.SIGNED_IN_AT, clock.instant());
        audit.recordEvent("signed-in", "staff_user", authentication.getName(), null);
        super.onAuthenticationSuccess(request, response, authentication);
    }
}

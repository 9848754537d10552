package org.civicdesk.portal.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.civicdesk.audit.AuditTrail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a portal sign-in idle for longer than the portal's timeout (shorter than a staff session's: a public
 * computer), or whose login was locked, disabled or given a new password since it began. Only the portal's part
 * of the session ends. Remembers the login's language for the request.
 */
class PortalSessionFilter extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = "civicdesk.portal.signedInAt";
    static final String LAST_SEEN = "civicdesk.portal.lastSeen";
    static final String LANGUAGE = "civicdesk.portal.language";

    private final PortalLogins logins;
    private final Clock clock;
    private final Duration idleTimeout;
    private final SecurityContextRepository contexts;
    private final AuditTrail audit;

    PortalSessionFilter(PortalLogins logins, Clock clock, Duration idleTimeout, SecurityContextRepository contexts,
            AuditTrail audit) {
        this.logins = logins;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.contexts = contexts;
        this.audit = audit;
    }

    static void began(HttpSession session, Instant now) {
        session.setAttribute(SIGNED_IN_AT, now);
        session.setAttribute(LAST_SEEN, now);
    }

    static void forget(HttpSession session) {
        session.removeAttribute(SIGNED_IN_AT);
        session.removeAttribute(LAST_SEEN);
        session.removeAttribute(LANGUAGE);
        session.removeAttribute(PortalSecurityConfiguration.CONTEXT_KEY);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (auth == null || !(auth.getPrincipal() instanceof PortalCustomer customer) || session == null) {
            chain.doFilter(request, response);
            return;
        }
        Instant now = clock.instant();
        Instant lastSeen = (Instant) session.getAttribute(LAST_SEEN);
        Instant signedInAt = (Instant) session.getAttribute(SIGNED_IN_AT);
        Optional<PortalLogins.Login> login = logins.byId(customer.loginId());
        String ended = null;
        if (lastSeen == null || lastSeen.plus(idleTimeout).isBefore(now)) {
            ended = "expired";
        } else if (login.isEmpty() || !login.get().status().equals(PortalLogins.ACTIVE)) {
            ended = "ended";
        } else if (login.get().sessionsValidAfter() != null && signedInAt != null
                && signedInAt.isBefore(login.get().sessionsValidAfter())) {
            ended = "ended";
        }
        if (ended != null) {
            audit.recordEvent("portal-session-" + ended, "portal_login", Long.toString(customer.loginId()), null);
            forget(session);
            SecurityContextHolder.clearContext();
            contexts.saveContext(new SecurityContextImpl(), request, response);
            response.sendRedirect(request.getContextPath() + "/portal/sign-in?" + ended);
            return;
        }
        session.setAttribute(LAST_SEEN, now);
        session.setAttribute(LANGUAGE, login.get().language());
        chain.doFilter(request, response);
    }
}

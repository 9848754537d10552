package org.civicdesk.identity.internal;

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
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session that outlived its absolute limit, whose user was disabled, or whose password was reset
 * since it began; sends a user who must change their password to that page first. Checked on every request,
 * so it holds across several CivicDesk instances too.
 */
class StaffSessionFilter extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = "civicdesk.signedInAt";

    private final StaffUserRepository users;
    private final Clock clock;
    private final Duration absoluteTimeout;

    StaffSessionFilter(StaffUserRepository users, Clock clock, Duration absoluteTimeout) {
        this.users = users;
        this.clock = clock;
        this.absoluteTimeout = absoluteTimeout;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getPrincipal() instanceof String) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        Instant signedInAt = session == null ? null : (Instant) session.getAttribute(SIGNED_IN_AT);
        Instant now = clock.instant();
        Optional<StaffUserRepository.SessionState> state = users.sessionState(auth.getName());
        String ended = null;
        if (state.isEmpty() || !state.get().enabled()) {
            ended = "disabled";
        } else if (signedInAt != null && signedInAt.plus(absoluteTimeout).isBefore(now)) {
            ended = "expired";
        } else if (signedInAt != null && signedInAt.isBefore(state.get().sessionsValidAfter())) {
            ended = "ended";
        }
        if (ended != null) {
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(request.getContextPath() + "/login?" + ended);
            }
            return;
        }
        if (state.get().mustChangePassword() && session != null && mayWaitForPasswordChange(request)) {
            response.sendRedirect(request.getContextPath() + "/account/password?required");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean mayWaitForPasswordChange(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/account/password") || path.equals("/logout") || path.startsWith("/css/")
                || path.startsWith("/js/") || path.startsWith("/webjars/") || path.startsWith("/error"));
    }
}

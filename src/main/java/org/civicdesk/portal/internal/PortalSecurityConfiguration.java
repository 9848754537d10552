package org.civicdesk.portal.internal;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.identity.SignInThrottle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The public portal's own security chain for /portal/**, ahead of the staff chain: its own sign-in over
 * portal_login, and its own session attributes (security context, CSRF token, saved request), so that a staff
 * sign-in and a portal sign-in in one browser never become each other. Signing out of one leaves the other.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    /** Where the portal keeps its security context in the session (the staff chain uses Spring's default key). */
    static final String CONTEXT_KEY = "CIVICDESK_PORTAL_SECURITY_CONTEXT";
    static final String CSRF_KEY = "CIVICDESK_PORTAL_CSRF_TOKEN";
    static final String SAVED_REQUEST_KEY = "CIVICDESK_PORTAL_SAVED_REQUEST";

    /** The staff pages' policy, the same here. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    static SecurityContextRepository contextRepository() {
        HttpSessionSecurityContextRepository session = new HttpSessionSecurityContextRepository();
        session.setSpringSecurityContextKey(CONTEXT_KEY);
        return new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(CONTEXT_KEY + ".request"), session);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain portalSecurity(HttpSecurity http, PortalLogins logins, PasswordEncoder encoder,
            SignInThrottle throttle, AuditTrail audit, Clock clock,
            @Value("${civicdesk.portal.idle-timeout:15m}") Duration idleTimeout) throws Exception {
        SecurityContextRepository contexts = contextRepository();
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setSessionAttributeName(CSRF_KEY);
        HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
        savedRequests.setSessionAttrName(SAVED_REQUEST_KEY);

        http.securityMatcher("/portal/**")
                .authenticationManager(new ProviderManager(new PortalAuthenticationProvider(logins, encoder, throttle, audit)))
                .securityContext(sc -> sc.securityContextRepository(contexts))
                .requestCache(rc -> rc.requestCache(savedRequests))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/portal/sign-in", "/portal/register", "/portal/register/sent", "/portal/verify",
                                "/portal/forgot", "/portal/forgot/sent", "/portal/reset")
                        .permitAll()
                        .requestMatchers("/portal/sign-in/code").hasAuthority(PortalAuthenticationProvider.TOTP_PENDING)
                        .anyRequest().hasAuthority(PortalAuthenticationProvider.CUSTOMER_ROLE))
                .formLogin(form -> form
                        .loginPage("/portal/sign-in")
                        .loginProcessingUrl("/portal/sign-in")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(new PortalSignInSuccessHandler(logins, audit, clock, savedRequests))
                        .failureHandler((request, response, ex) -> response.sendRedirect(request.getContextPath()
                                + "/portal/sign-in?error=" + failureCode(ex)))
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/portal/sign-out")
                        .logoutSuccessUrl("/portal/sign-in?signedOut")
                        // the session may hold a staff sign-in too: end only the portal's part of it
                        .invalidateHttpSession(false)
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof PortalCustomer c) {
                                audit.recordEvent("signed-out", "portal_login", Long.toString(c.loginId()), null);
                            }
                            HttpSession session = request.getSession(false);
                            if (session != null) {
                                PortalSessionFilter.forget(session);
                            }
                        }))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/portal/sign-in"))
                        .accessDeniedHandler((request, response, denied) -> {
                            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                            if (denied instanceof CsrfException) {
                                // a form from a session that has ended (idle timeout): sign in again
                                response.sendRedirect(request.getContextPath() + "/portal/sign-in?expired");
                            } else if (auth != null && auth.getAuthorities().stream()
                                    .anyMatch(a -> a.getAuthority().equals(PortalAuthenticationProvider.TOTP_PENDING))) {
                                response.sendRedirect(request.getContextPath() + "/portal/sign-in/code");
                            } else if (auth != null && auth.getPrincipal() instanceof PortalCustomer) {
                                response.sendRedirect(request.getContextPath() + "/portal");
                            } else {
                                response.sendError(403);
                            }
                        }))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(pp -> pp.policy("camera=(), microphone=(), geolocation=(), payment=()"))
                        .frameOptions(frame -> frame.deny()))
                .addFilterBefore(new PortalSessionFilter(logins, clock, idleTimeout, contexts, audit),
                        AuthorizationFilter.class);
        return http.build();
    }

    private static String failureCode(Exception ex) {
        if (ex instanceof PortalAuthenticationProvider.ThrottledException) {
            return "throttled";
        }
        if (ex instanceof PortalAuthenticationProvider.PendingEmailException) {
            return "unverified";
        }
        if (ex instanceof LockedException) {
            return "locked";
        }
        if (ex instanceof DisabledException) {
            return "disabled";
        }
        return "credentials";
    }
}

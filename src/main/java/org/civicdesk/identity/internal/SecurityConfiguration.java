package org.civicdesk.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.civicdesk.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.ObjectMapper;

/**
 * Staff sign-in and what every request must pass. The public portal will get its own chain.
 *
 * <p>Pages and endpoints check permissions with {@code @PreAuthorize}; this chain adds the floor: signed in
 * for everything but sign-in, health, static files and the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder(@Value("${civicdesk.security.bcrypt-strength:12}") int strength) {
        if (strength < 10) {
            throw new IllegalStateException("civicdesk.security.bcrypt-strength must be at least 10");
        }
        return new BCryptPasswordEncoder(strength);
    }

    @Bean
    AuthenticationManager authenticationManager(StaffAuthenticationProvider provider) {
        ProviderManager manager = new ProviderManager(provider);
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    @Bean
    SecurityFilterChain staffSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
            StaffUserRepository users, Clock clock, AuditTrail audit, ObjectMapper json,
            @Value("${civicdesk.security.session-absolute-timeout:12h}") Duration absoluteTimeout) throws Exception {
        ProblemWriter problems = new ProblemWriter(json);
        RequestMatcher api = request -> pathOf(request).startsWith("/api/");

        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
                                "/error", "/actuator/health", "/actuator/health/**", "/v3/api-docs",
                                "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/**").hasAuthority("USERS_ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .successHandler(new StaffSignInSuccessHandler(clock, audit))
                        .failureUrl("/login?error")
                        .permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint(problems)))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutSuccessUrl("/login?signedOut")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null) {
                                audit.recordEvent("signed-out", "staff_user", authentication.getName(), null);
                            }
                        })
                        .deleteCookies("CIVICDESK_SESSION"))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(request ->
                        // A request that carries its own credentials cannot be forged by another site's form;
                        // CivicDesk never asks a browser for Basic credentials, so browsers never add them.
                        CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request) && request.getHeader("Authorization") == null))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(apiEntryPoint(problems), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                        .accessDeniedHandler(accessDenied(problems, api)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(pp -> pp.policy("camera=(), microphone=(), geolocation=(), payment=()"))
                        .frameOptions(frame -> frame.deny()))
                .addFilterBefore(new StaffSessionFilter(users, clock, absoluteTimeout), AuthorizationFilter.class);
        return http.build();
    }

    private static AuthenticationEntryPoint apiEntryPoint(ProblemWriter problems) {
        return (request, response, ex) -> problems.write(request, response, HttpStatus.UNAUTHORIZED,
                "unauthenticated", "Sign-in required",
                "Send a staff user's credentials (HTTP Basic) or sign in at /login.");
    }

    private static AccessDeniedHandler accessDenied(ProblemWriter problems, RequestMatcher api) {
        AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
        page.setErrorPage("/error/forbidden");
        return (request, response, ex) -> {
            boolean csrf = ex instanceof CsrfException;
            if (api.matches(request)) {
                problems.write(request, response, HttpStatus.FORBIDDEN, csrf ? "csrf" : "forbidden",
                        csrf ? "Missing or invalid CSRF token" : "Not permitted",
                        csrf ? "This request changes data and needs the CSRF token of the session (header X-CSRF-TOKEN), or its own credentials in an Authorization header."
                                : "Your role does not allow this action.");
                return;
            }
            request.setAttribute("civicdesk.csrfRefused", csrf);
            page.handle(request, response, ex);
        };
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}

package org.civicdesk.portal.internal;

import java.util.List;
import java.util.Optional;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.identity.SignInThrottle;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a portal login's e-mail and password (bcrypt), throttled like staff sign-in per e-mail and address.
 * A wrong e-mail and a wrong password get the same answer in the same time. A login with a second factor gets
 * only {@link #TOTP_PENDING} until the code is given; a verified, active login gets exactly ROLE_PORTAL_CUSTOMER.
 * Not a bean: only the portal's chain uses it, never the staff sign-in.
 */
class PortalAuthenticationProvider implements AuthenticationProvider {

    static final String CUSTOMER_ROLE = "ROLE_PORTAL_CUSTOMER";
    static final String TOTP_PENDING = "PORTAL_TOTP_PENDING";

    private final PortalLogins logins;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;
    private final AuditTrail audit;
    private final String dummyHash;

    PortalAuthenticationProvider(PortalLogins logins, PasswordEncoder encoder, SignInThrottle throttle, AuditTrail audit) {
        this.logins = logins;
        this.encoder = encoder;
        this.throttle = throttle;
        this.audit = audit;
        this.dummyHash = encoder.encode("not-a-real-password-" + System.nanoTime());
    }

    static String throttleName(String email) {
        return "portal:" + PortalLogins.normalEmail(email);
    }

    static UsernamePasswordAuthenticationToken signedIn(PortalCustomer customer) {
        List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority(CUSTOMER_ROLE));
        return UsernamePasswordAuthenticationToken.authenticated(customer, null, authorities);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = PortalLogins.normalEmail(authentication.getName());
        String password = String.valueOf(authentication.getCredentials());
        String address = authentication.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                ? d.getRemoteAddress() : "unknown";
        String name = throttleName(email);
        if (throttle.lockedUntil(name, address).isPresent()) {
            audit.recordEvent("portal-sign-in-throttled", "portal_login", "unknown", "from " + address);
            throw new ThrottledException();
        }
        Optional<PortalLogins.Login> found = logins.byEmail(email);
        boolean matches = encoder.matches(password, found.map(PortalLogins.Login::passwordHash).orElse(dummyHash));
        if (found.isEmpty() || !matches) {
            throttle.recordFailure(name, address);
            audit.recordEvent("portal-sign-in-failed", "portal_login",
                    found.map(l -> Long.toString(l.id())).orElse("unknown"), "from " + address);
            throw new BadCredentialsException("wrong e-mail or password");
        }
        PortalLogins.Login login = found.get();
        String id = Long.toString(login.id());
        switch (login.status()) {
            case PortalLogins.ACTIVE -> { }
            case PortalLogins.PENDING_EMAIL -> {
                audit.recordEvent("portal-sign-in-refused-unverified", "portal_login", id, "from " + address);
                throw new PendingEmailException();
            }
            case PortalLogins.LOCKED -> {
                audit.recordEvent("portal-sign-in-refused-locked", "portal_login", id, "from " + address);
                throw new LockedException("locked");
            }
            default -> {
                audit.recordEvent("portal-sign-in-refused-disabled", "portal_login", id, "from " + address);
                throw new DisabledException("disabled");
            }
        }
        throttle.recordSuccess(name, address);
        UsernamePasswordAuthenticationToken result = login.totpEnabled()
                ? UsernamePasswordAuthenticationToken.authenticated(login.principal(), null,
                        List.of(new SimpleGrantedAuthority(TOTP_PENDING)))
                : signedIn(login.principal());
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Too many failures from this address for this e-mail. */
    static class ThrottledException extends AuthenticationException {
        ThrottledException() {
            super("throttled");
        }
    }

    /** The right password of a login whose e-mail is not verified yet. */
    static class PendingEmailException extends AuthenticationException {
        PendingEmailException() {
            super("e-mail not verified");
        }
    }
}

package org.civicdesk.identity.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.civicdesk.audit.AuditTrail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a staff user's name and password, with throttling. The answer to a wrong name and to a wrong password
 * is the same, and takes the same time.
 */
@Component
class StaffAuthenticationProvider implements AuthenticationProvider {

    static final String WRONG_CREDENTIALS = "Wrong user name or password.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a");

    private final StaffUserRepository users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final ZoneId zone;
    private final String dummyHash;

    StaffAuthenticationProvider(StaffUserRepository users, PasswordEncoder encoder, LoginThrottle throttle,
            AuditTrail audit, java.time.Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.throttle = throttle;
        this.audit = audit;
        this.zone = clock.getZone();
        this.dummyHash = encoder.encode("not-a-real-password-" + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = String.valueOf(authentication.getName()).trim();
        String password = String.valueOf(authentication.getCredentials());
        String address = address(authentication);

        Optional<java.time.Instant> locked = throttle.lockedUntil(username, address);
        if (locked.isPresent()) {
            audit.recordEvent("sign-in-throttled", "staff_user", username, "from " + address);
            throw new LoginThrottledException("Too many failed sign-ins. Try again after "
                    + TIME.format(locked.get().atZone(zone)) + ".");
        }
        Optional<StaffUserRepository.Credentials> found = users.credentials(username);
        String hash = found.map(StaffUserRepository.Credentials::passwordHash).orElse(dummyHash);
        boolean matches = encoder.matches(password, hash);
        if (found.isEmpty() || !matches) {
            throttle.recordFailure(username, address);
            audit.recordEvent("sign-in-failed", "staff_user", username, "from " + address);
            throw new BadCredentialsException(WRONG_CREDENTIALS);
        }
        StaffUserRepository.Credentials user = found.get();
        if (!user.enabled()) {
            audit.recordEvent("sign-in-refused-disabled", "staff_user", user.username(), "from " + address);
            throw new DisabledException("This user is disabled. Ask an administrator.");
        }
        throttle.recordSuccess(username, address);
        List<GrantedAuthority> authorities = new ArrayList<>();
        user.permissions().forEach(p -> authorities.add(new SimpleGrantedAuthority(p)));
        user.roles().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
        User principal = new User(user.username(), "", authorities);
        UsernamePasswordAuthenticationToken result =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        result.setDetails(authentication.getDetails());
        return result;
    }

    private static String address(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        return "unknown";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static class LoginThrottledException extends AuthenticationException {
        LoginThrottledException(String message) {
            super(message);
        }
    }
}

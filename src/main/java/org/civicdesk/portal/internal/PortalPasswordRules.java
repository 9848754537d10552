package org.civicdesk.portal.internal;

import java.util.Optional;

/**
 * What a portal password must be: the staff rules (12 to 128 characters, at least 5 different ones, not the
 * name) with the e-mail's local part as the name. Answers a message key, since the public reads it in their
 * language. Free of Spring.
 */
final class PortalPasswordRules {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private PortalPasswordRules() {
    }

    /** The message key of why the password is refused, if it is. */
    static Optional<String> problem(String email, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("portal.password.too-short");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("portal.password.too-long");
        }
        String local = email == null ? "" : email.split("@", 2)[0].toLowerCase(java.util.Locale.ROOT);
        if (local.length() >= 3 && password.toLowerCase(java.util.Locale.ROOT).contains(local)) {
            return Optional.of("portal.password.contains-email");
        }
        if (password.chars().distinct().count() < 5) {
            return Optional.of("portal.password.too-simple");
        }
        return Optional.empty();
    }
}

package org.civicdesk.identity.internal;

import java.security.SecureRandom;
import java.util.Optional;

/** What a staff password must be, and how temporary ones are made. */
final class PasswordRules {

    static final int MIN_LENGTH = 12;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordRules() {
    }

    /** Why the password is refused, if it is. */
    static Optional<String> problem(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.length() > 128) {
            return Optional.of("must be at most 128 characters long");
        }
        if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
            return Optional.of("must not contain the user name");
        }
        if (password.chars().distinct().count() < 5) {
            return Optional.of("must use at least 5 different characters");
        }
        return Optional.empty();
    }

    /** A temporary password, shown once to the administrator; the user must change it at first sign-in. */
    static String temporary() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}

package org.civicdesk.customer;

import java.util.Optional;

/**
 * A utility account number: nine digits and a Luhn check digit, so that a mistyped digit or two swapped
 * neighbours are caught at the counter before any lookup.
 */
public record AccountNumber(String value) {

    public AccountNumber {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** The account number for a nine-digit sequence number. */
    public static AccountNumber fromSequence(long sequence) {
        if (sequence < 100_000_000L || sequence > 999_999_999L) {
            throw new IllegalArgumentException("An account sequence has nine digits: " + sequence);
        }
        String body = Long.toString(sequence);
        return new AccountNumber(body + checkDigit(body));
    }

    /** Accepts spaces and dashes as typed at the counter. */
    public static Optional<AccountNumber> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("[\\s-]", "");
        return problem(digits).isEmpty() ? Optional.of(new AccountNumber(digits)) : Optional.empty();
    }

    /** Why the text is not an account number, if it is not. */
    public static Optional<String> problem(String value) {
        if (value == null || !value.matches("[0-9]{10}")) {
            return Optional.of("An account number has 10 digits.");
        }
        if (checkDigit(value.substring(0, 9)) != value.charAt(9) - '0') {
            return Optional.of("The account number's check digit does not match: a digit may be mistyped.");
        }
        return Optional.empty();
    }

    static int checkDigit(String body) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }

    @Override
    public String toString() {
        return value;
    }
}

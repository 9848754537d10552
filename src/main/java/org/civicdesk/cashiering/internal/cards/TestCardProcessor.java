package org.civicdesk.cashiering.internal.cards;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.civicdesk.platform.Money;
import org.springframework.stereotype.Component;

/**
 * TEST CARD PROCESSOR, for the demo and the tests only: it takes no real money. Its hosted payment step
 * (TestCardProcessorController) turns test card numbers into tokens, like a real processor's page; the
 * number never reaches CivicDesk's tables or logs. Test numbers: any Luhn-valid number is approved, except
 * 4000 0000 0000 0002, which is declined (insufficient funds), and 4000 0000 0000 0069 (expired card).
 */
@Component
public class TestCardProcessor implements CardProcessor {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the processor keeps about a token (only in its own memory, as a real one keeps it in its vault). */
    private record Vaulted(String brand, String last4, String declineReason) {
    }

    private final Map<String, Vaulted> vault = new ConcurrentHashMap<>();
    private final Map<String, Authorisation> authorisations = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "Test card processor (no real money)";
    }

    /** A tokenised card as the hosted payment step returns it. */
    public record Token(String token, String brand, String last4) {
    }

    /** The hosted step: validates the test number and returns a token; the number is not kept. */
    public Optional<Token> tokenise(String cardNumber) {
        String digits = cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
        if (!digits.matches("[0-9]{13,19}") || !luhnValid(digits)) {
            return Optional.empty();
        }
        String decline = switch (digits) {
            case "4000000000000002" -> "Declined: insufficient funds";
            case "4000000000000069" -> "Declined: expired card";
            default -> null;
        };
        String token = "tok_test_" + letters(24);
        Vaulted v = new Vaulted(brand(digits), digits.substring(digits.length() - 4), decline);
        vault.put(token, v);
        return Optional.of(new Token(token, v.brand(), v.last4()));
    }

    /** Tokens are letters only, so that no token can ever look like a card number. */
    private static String letters(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return b.toString();
    }

    private static byte[] bytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    /** For tests and the demo: a token for a test number without the hosted page. */
    public Token testToken(String cardNumber) {
        return tokenise(cardNumber).orElseThrow(() -> new IllegalArgumentException("not a test card number"));
    }

    @Override
    public Authorisation authorise(String token, Money amount, String reference) {
        Vaulted v = token == null ? null : vault.get(token);
        String id = "auth_test_" + HexFormat.of().formatHex(bytes());
        Authorisation a;
        if (v == null) {
            a = new Authorisation(id, false, "Declined: unknown or expired token", amount, null, null);
        } else if (v.declineReason() != null) {
            a = new Authorisation(id, false, v.declineReason(), amount, v.brand(), v.last4());
        } else {
            a = new Authorisation(id, true, "Approved", amount, v.brand(), v.last4());
        }
        authorisations.put(id, a);
        return a;
    }

    @Override
    public Authorisation capture(String authorisationId) {
        return known(authorisationId);
    }

    @Override
    public Authorisation refund(String authorisationId, Money amount) {
        Authorisation a = known(authorisationId);
        return new Authorisation(a.id(), true, "Refunded", amount, a.brand(), a.last4());
    }

    @Override
    public Authorisation voidAuthorisation(String authorisationId) {
        Authorisation a = known(authorisationId);
        return new Authorisation(a.id(), true, "Voided", a.amount(), a.brand(), a.last4());
    }

    private Authorisation known(String id) {
        Authorisation a = authorisations.get(id);
        if (a == null || !a.approved()) {
            return new Authorisation(id, false, "No approved authorisation " + id, Money.ZERO, null, null);
        }
        return a;
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static String brand(String digits) {
        if (digits.startsWith("4")) {
            return "VISA";
        }
        if (digits.matches("5[1-5].*|2[2-7].*")) {
            return "MASTERCARD";
        }
        if (digits.matches("3[47].*")) {
            return "AMEX";
        }
        if (digits.startsWith("6")) {
            return "DISCOVER";
        }
        return "CARD";
    }
}

package org.civicdesk.customer.internal.search;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.civicdesk.customer.AccountSearchKind;

/**
 * Tells from the shape of what was typed which kinds of key to look for, in order: digits are account
 * numbers or phones, an at sign an e-mail, a house number and words an address, words a name (or a street
 * when they read like one). Free of Spring.
 */
record SearchQueryShape(String text, String digits, List<AccountSearchKind> kinds, boolean fallbackOnly) {

    private static final Set<String> STREET_WORDS = Set.of("st", "street", "ave", "avenue", "dr", "drive", "rd", "road",
            "ln", "lane", "cir", "circle", "pl", "place", "way", "ct", "court", "blvd", "apt", "unit", "ste", "n", "s",
            "e", "w", "north", "south", "east", "west");

    /**
     * The kinds to try. When fallbackOnly is true the later kinds are tried only if the earlier found nothing
     * (names and addresses); otherwise every kind is tried (digits can be an account number and a phone).
     */
    static SearchQueryShape of(String raw) {
        String text = normalize(raw);
        if (text.isEmpty()) {
            return new SearchQueryShape("", "", List.of(), false);
        }
        if (text.contains("@")) {
            return new SearchQueryShape(raw.trim().toLowerCase(Locale.ROOT), "", List.of(AccountSearchKind.EMAIL), false);
        }
        if (raw.trim().matches("[0-9()+.\\-\\s]+")) {
            String digits = raw.replaceAll("[^0-9]", "");
            return switch (digits.length()) {
                case 10 -> new SearchQueryShape(text, digits,
                        List.of(AccountSearchKind.ACCOUNT_NUMBER, AccountSearchKind.PHONE), false);
                case 11 -> digits.startsWith("1")
                        ? new SearchQueryShape(text, digits.substring(1), List.of(AccountSearchKind.PHONE), false)
                        : new SearchQueryShape(text, digits, List.of(), false);
                case 7 -> new SearchQueryShape(text, digits,
                        List.of(AccountSearchKind.PHONE, AccountSearchKind.ACCOUNT_NUMBER), false);
                case 4, 5, 6, 8, 9 -> new SearchQueryShape(text, digits, List.of(AccountSearchKind.ACCOUNT_NUMBER), false);
                case 1, 2, 3 -> new SearchQueryShape(text, digits, List.of(AccountSearchKind.ADDRESS), false);
                default -> new SearchQueryShape(text, digits, List.of(), false);
            };
        }
        if (Character.isDigit(text.charAt(0))) {
            return new SearchQueryShape(text, "", List.of(AccountSearchKind.ADDRESS, AccountSearchKind.NAME), true);
        }
        String[] words = text.split(" ");
        boolean streetLike = words.length > 1
                && (STREET_WORDS.contains(words[0]) || STREET_WORDS.contains(words[words.length - 1]));
        return new SearchQueryShape(text, "", streetLike
                ? List.of(AccountSearchKind.ADDRESS, AccountSearchKind.NAME)
                : List.of(AccountSearchKind.NAME, AccountSearchKind.ADDRESS), true);
    }

    /** Lower case, accents and punctuation dropped, single spaces: the form of search_name and search_address. */
    static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        s = s.replaceAll("[^a-z0-9@'\\-\\s]", " ");
        return s.trim().replaceAll("\\s+", " ");
    }

    /** The house number an address query starts with, or empty. */
    String houseNumber() {
        int space = text.indexOf(' ');
        String first = space < 0 ? text : text.substring(0, space);
        return first.matches("[0-9]{1,6}[a-z]?") ? first : "";
    }

    /** The address query after its house number. */
    String street() {
        String house = houseNumber();
        return house.isEmpty() ? text : text.substring(house.length()).trim();
    }
}

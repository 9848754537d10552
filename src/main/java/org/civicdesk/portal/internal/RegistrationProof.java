package org.civicdesk.portal.internal;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Whether someone knows an account well enough to see it online: the name on the bill (letter case, accents,
 * punctuation and spacing ignored) and one fact of one of the last three bills issued, its amount due or its
 * bill date. Free of Spring.
 */
final class RegistrationProof {

    /** How many of the latest issued bills a fact may come from. */
    static final int RECENT_BILLS = 3;

    /** What the proof looks at of one issued bill. */
    record BillFact(LocalDate billDate, BigDecimal totalDue) {
    }

    private RegistrationProof() {
    }

    /**
     * @param nameOnBill  the account's name as bills print it
     * @param recentBills the account's latest issued bills, newest first (only the first three count)
     */
    static boolean proves(String nameOnBill, List<BillFact> recentBills, String givenName, BigDecimal givenAmount,
            LocalDate givenBillDate) {
        if (nameOnBill == null || givenName == null || !normalName(nameOnBill).equals(normalName(givenName))
                || normalName(givenName).isEmpty()) {
            return false;
        }
        if (givenAmount == null && givenBillDate == null) {
            return false;
        }
        return recentBills.stream().limit(RECENT_BILLS).anyMatch(b ->
                (givenAmount != null && b.totalDue() != null && b.totalDue().compareTo(givenAmount) == 0)
                        || (givenBillDate != null && givenBillDate.equals(b.billDate())));
    }

    static String normalName(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        // O'Brien and OBrien are the same name; Smith-Jones and Smith Jones too
        return plain.toLowerCase(Locale.ROOT).replaceAll("['\u2019.]", "").replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    /** An amount as people type it: 123.45, $123.45, 1,234.5; null when it is not one. */
    static BigDecimal parseAmount(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim().replace("$", "").replace(",", "").trim();
        if (!s.matches("-?[0-9]+(\\.[0-9]{1,2})?")) {
            return null;
        }
        return new BigDecimal(s);
    }
}

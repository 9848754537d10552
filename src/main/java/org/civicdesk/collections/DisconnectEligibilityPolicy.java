package org.civicdesk.collections;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.civicdesk.platform.Money;

/**
 * Why an account will or will not be disconnected today. Every protection found is listed, not only the
 * first: the past due less any amount in an open billing dispute must reach the threshold; bankruptcy, a
 * current arrangement and a medical certificate within its days protect the whole account; the summer
 * moratorium and a declared heat day protect residential electric and water.
 */
public final class DisconnectEligibilityPolicy {

    /** Services that can be cut in the field. */
    public static final List<String> DISCONNECTABLE = List.of("ELECTRIC", "GAS", "WATER");

    /**
     * @param services            the account's active services
     * @param disputedAmount      open billing disputes on the account (zero if none)
     * @param medicalCertificateOn the date of the latest medical certificate, or null
     */
    public record Facts(LocalDate today, String accountClass, Set<String> services, Money pastDue, Money disputedAmount,
            boolean heatDay, boolean arrangementCurrent, LocalDate medicalCertificateOn, boolean bankruptcy) {

        public Facts {
            services = Set.copyOf(services);
        }
    }

    /** The answer and the services that may be cut today (empty when the answer is no). */
    public record Answer(Decision decision, List<String> services) {

        public Answer {
            services = List.copyOf(services);
        }
    }

    private final CollectionsRules rules;

    public DisconnectEligibilityPolicy(CollectionsRules rules) {
        this.rules = rules;
    }

    public Answer decide(Facts f) {
        List<String> reasons = new ArrayList<>();
        boolean blocked = false;
        Money disputed = f.disputedAmount() == null ? Money.ZERO : f.disputedAmount();
        Money collectible = f.pastDue().minus(disputed);
        if (disputed.isPositive()) {
            reasons.add("Open billing dispute on " + disputed.formatted() + ": that amount is held from collection.");
        }
        if (collectible.compareTo(rules.disconnectThreshold()) < 0) {
            reasons.add("Past due " + (disputed.isPositive() ? "outside the dispute " : "") + collectible.formatted()
                    + " is under the threshold of " + rules.disconnectThreshold().formatted() + ".");
            blocked = true;
        } else {
            reasons.add("Past due " + (disputed.isPositive() ? "outside the dispute " : "") + collectible.formatted()
                    + " reaches the threshold of " + rules.disconnectThreshold().formatted() + ".");
        }
        if (f.bankruptcy()) {
            reasons.add("Bankruptcy on file: collection is stopped.");
            blocked = true;
        }
        if (f.arrangementCurrent()) {
            reasons.add("A payment arrangement is current.");
            blocked = true;
        }
        if (f.medicalCertificateOn() != null) {
            LocalDate until = f.medicalCertificateOn().plusDays(rules.medicalCertificateDays());
            if (!f.today().isBefore(f.medicalCertificateOn()) && f.today().isBefore(until)) {
                reasons.add("Medical certificate of " + f.medicalCertificateOn() + " protects the account until " + until + ".");
                blocked = true;
            } else if (!f.today().isBefore(until)) {
                reasons.add("Medical certificate of " + f.medicalCertificateOn() + " expired on " + until + ".");
            }
        }
        Set<String> cuttable = new LinkedHashSet<>();
        for (String s : DISCONNECTABLE) {
            if (f.services().contains(s)) {
                cuttable.add(s);
            }
        }
        boolean residential = !"COMMERCIAL".equals(f.accountClass());
        if (residential && (f.heatDay() || rules.inMoratorium(f.today()))) {
            List<String> protectedNow = cuttable.stream().filter(s -> s.equals("ELECTRIC") || s.equals("WATER")).toList();
            if (rules.inMoratorium(f.today())) {
                reasons.add("Summer moratorium (" + rules.moratoriumFrom().toString().substring(2) + " to " + rules.moratoriumTo().toString().substring(2)
                        + "): no residential electric or water disconnection" + (protectedNow.isEmpty() ? "." : " (" + String.join(", ", protectedNow) + ")."));
            }
            if (f.heatDay()) {
                reasons.add("Declared excessive-heat day: no residential electric or water disconnection today.");
            }
            protectedNow.forEach(cuttable::remove);
        }
        if (cuttable.isEmpty()) {
            reasons.add("No service that may be disconnected today.");
            blocked = true;
        }
        if (blocked) {
            reasons.add("Will not be disconnected today.");
            return new Answer(Decision.no(reasons), List.of());
        }
        reasons.add("May be disconnected today: " + String.join(", ", cuttable) + ".");
        return new Answer(Decision.yes(reasons), List.copyOf(cuttable));
    }
}

package org.civicdesk.collections;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A time extension: one bill's due date moved later by at most the rules' days, once per bill. */
public final class ExtensionPolicy {

    /**
     * @param billCancelled    the bill was cancelled or rebilled
     * @param alreadyExtended  the bill's due date was already moved once
     */
    public record Facts(long billId, LocalDate dueDate, boolean billCancelled, boolean alreadyExtended,
            LocalDate requestedDueDate, LocalDate today) {
    }

    private final CollectionsRules rules;

    public ExtensionPolicy(CollectionsRules rules) {
        this.rules = rules;
    }

    public Decision decide(Facts f) {
        List<String> refusals = new ArrayList<>();
        if (f.billCancelled()) {
            refusals.add("Bill " + f.billId() + " was cancelled; extend the bill that stands.");
        }
        if (f.alreadyExtended()) {
            refusals.add("Bill " + f.billId() + " was already extended once.");
        }
        if (f.requestedDueDate() == null) {
            refusals.add("Give the new due date.");
        } else {
            long days = ChronoUnit.DAYS.between(f.dueDate(), f.requestedDueDate());
            if (days <= 0) {
                refusals.add("The new due date must be after the current one, " + f.dueDate() + ".");
            } else if (days > rules.extensionMaxDays()) {
                refusals.add("An extension moves a due date by at most " + rules.extensionMaxDays() + " days; "
                        + f.requestedDueDate() + " is " + days + " days after " + f.dueDate() + " (latest "
                        + f.dueDate().plusDays(rules.extensionMaxDays()) + ").");
            } else if (f.requestedDueDate().isBefore(f.today())) {
                refusals.add("The new due date " + f.requestedDueDate() + " has already passed.");
            }
        }
        if (!refusals.isEmpty()) {
            return Decision.no(refusals);
        }
        long days = ChronoUnit.DAYS.between(f.dueDate(), f.requestedDueDate());
        return Decision.yes(List.of("Bill " + f.billId() + " due " + f.dueDate() + " moves " + days + " days to "
                + f.requestedDueDate() + " (at most " + rules.extensionMaxDays() + ", once per bill)."));
    }
}

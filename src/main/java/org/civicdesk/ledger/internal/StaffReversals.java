package org.civicdesk.ledger.internal;

import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.platform.BusinessRuleViolation;

/**
 * A reversal asked for on the ledger's own page or API. Bills are corrected from the bill (cancel and rebill),
 * which reverses what that bill posted and records the cancellation, and adjustments by other adjustments; a bill
 * run's entry holds a whole chunk of bills, so turning it over here would undo hundreds of bills that still show
 * as issued. Entries of source billing are refused.
 */
final class StaffReversals {

    /** The source of the entries billing posts (bills and their cancellations). */
    static final String BILLING_SOURCE = "billing";

    private StaffReversals() {
    }

    static PostedEntry reverse(Ledger ledger, long entryId, String reason) {
        if (BILLING_SOURCE.equals(ledger.entry(entryId).source())) {
            throw new BusinessRuleViolation("ledger.reverse-at-the-bill", "reason", "Entry " + entryId
                    + " was posted by billing: cancel the bill on its page (Cancel and rebill), or correct an"
                    + " adjustment with another adjustment; billing then reverses what that bill posted and records why");
        }
        return ledger.reverse(entryId, reason);
    }
}

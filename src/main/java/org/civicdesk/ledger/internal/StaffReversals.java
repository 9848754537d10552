package org.civicdesk.ledger.internal;

import java.util.Map;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.platform.BusinessRuleViolation;

/**
 * A reversal asked for on the ledger's own page or API. Entries that a module posts for its own records are
 * corrected where those records are, which keeps both in step: bills from the bill (cancel and rebill; a bill
 * run's entry holds a whole chunk of bills, so turning it over here would undo hundreds of bills that still show
 * as issued) and adjustments by another adjustment; payments from the payment (void with approval, or reversal),
 * so that the drawer, the deposit and the Daily Cash Report still tie to the ledger. Those are refused here.
 */
final class StaffReversals {

    /** Where entries of each refused source are corrected, by source. */
    static final Map<String, String> CORRECTED_ELSEWHERE = Map.of(
            "billing", "billing: cancel the bill on its page (Cancel and rebill), or correct an adjustment with another"
                    + " adjustment; billing then reverses what that bill posted and records why",
            "cashiering", "cashiering: void or reverse the payment on its page, or correct it with a manual entry,"
                    + " so that the drawer, the deposit and the Daily Cash Report still tie to the ledger");

    private StaffReversals() {
    }

    /** Whether the ledger's page may offer to reverse the entry (no module corrects it elsewhere). */
    static boolean reversibleHere(PostedEntry entry) {
        return !CORRECTED_ELSEWHERE.containsKey(entry.source());
    }

    static PostedEntry reverse(Ledger ledger, long entryId, String reason) {
        String where = CORRECTED_ELSEWHERE.get(ledger.entry(entryId).source());
        if (where != null) {
            throw new BusinessRuleViolation("ledger.reverse-where-posted", "reason",
                    "Entry " + entryId + " was posted by " + where);
        }
        return ledger.reverse(entryId, reason);
    }
}

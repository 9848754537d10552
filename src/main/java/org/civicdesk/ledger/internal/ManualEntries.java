package org.civicdesk.ledger.internal;

import java.math.BigDecimal;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Approvals;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.platform.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Manual journal entries by staff. Up to the approval limit they post at once; above it they are filed for a
 * second person's approval and post when approved ({@link ManualEntryApprovalAction}).
 */
@Service
public class ManualEntries {

    static final String ACTION_TYPE = "ledger.manual-entry";

    /** What became of a submitted entry. */
    public sealed interface Outcome {
        record Posted(PostedEntry entry) implements Outcome {
        }

        record AwaitingApproval(ApprovalRequest request) implements Outcome {
        }
    }

    private final Ledger ledger;
    private final Approvals approvals;
    private final Money approvalLimit;

    public ManualEntries(Ledger ledger, Approvals approvals,
            @Value("${civicdesk.ledger.manual-entry-approval-limit:10000.00}") BigDecimal approvalLimit) {
        this.ledger = ledger;
        this.approvals = approvals;
        this.approvalLimit = Money.round(approvalLimit);
    }

    public Money approvalLimit() {
        return approvalLimit;
    }

    public Outcome submit(ManualEntryPayload payload) {
        JournalEntryRequest request = payload.toRequest();
        if (request.totalDebits().compareTo(approvalLimit) > 0) {
            ledger.check(request);
            return new Outcome.AwaitingApproval(approvals.request(ACTION_TYPE, payload,
                    "Manual entry of " + request.totalDebits().formatted() + " (over the " + approvalLimit.formatted() + " limit): "
                            + request.memo()));
        }
        return new Outcome.Posted(ledger.post(request));
    }
}

package org.civicdesk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Approvals;
import org.civicdesk.ledger.Side;
import org.civicdesk.platform.BusinessRuleViolation;
import org.junit.jupiter.api.Test;

class ManualEntriesTest {

    /** Files requests in memory. */
    static final class FilingApprovals implements Approvals {
        final List<Object> payloads = new ArrayList<>();

        @Override
        public <P> ApprovalRequest request(String actionType, P payload, String reason) {
            payloads.add(payload);
            return new ApprovalRequest(payloads.size(), actionType, reason, reason, "tester", null, "LEDGER_APPROVE_MANUAL",
                    ApprovalRequest.Status.PENDING, null, null, null, "{}");
        }

        @Override public ApprovalRequest approve(long requestId, String note) { throw new UnsupportedOperationException(); }
        @Override public ApprovalRequest deny(long requestId, String note) { throw new UnsupportedOperationException(); }
        @Override public ApprovalRequest withdraw(long requestId) { throw new UnsupportedOperationException(); }
        @Override public ApprovalRequest find(long requestId) { throw new UnsupportedOperationException(); }
        @Override public List<ApprovalRequest> inboxForCurrentUser() { return List.of(); }
        @Override public List<ApprovalRequest> requestedByCurrentUser(int limit) { return List.of(); }
    }

    private final LedgerFixture f = new LedgerFixture();
    private final FilingApprovals approvals = new FilingApprovals();
    private final ManualEntries manual = new ManualEntries(f.ledger, approvals, new BigDecimal("10000.00"));

    private ManualEntryPayload payload(String amount) {
        return new ManualEntryPayload(LedgerFixture.unique("manual"), LedgerFixture.TODAY, "Correct a misposting", List.of(
                new ManualEntryPayload.Line("GENERAL", "1010", Side.DEBIT, new BigDecimal(amount), null),
                new ManualEntryPayload.Line("GENERAL", "4030", Side.CREDIT, new BigDecimal(amount), null)));
    }

    @Test
    void anEntryUpToTheLimitPostsAtOnce() {
        assertThat(manual.submit(payload("10000.00"))).isInstanceOf(ManualEntries.Outcome.Posted.class);
        assertThat(approvals.payloads).isEmpty();
    }

    @Test
    void anEntryOverTheLimitWaitsForApprovalAndPostsWhenApproved() {
        long entries = f.entryCount();
        ManualEntryPayload big = payload("10000.01");
        assertThat(manual.submit(big)).isInstanceOf(ManualEntries.Outcome.AwaitingApproval.class);
        assertThat(approvals.payloads).containsExactly(big);
        assertThat(f.entryCount()).isEqualTo(entries);

        ManualEntryApprovalAction action = new ManualEntryApprovalAction(f.ledger);
        assertThat(action.describe(big)).isEqualTo("Manual entry of $10,000.01 to GENERAL: Correct a misposting");
        action.execute(big, null);
        assertThat(f.entryCount()).isEqualTo(entries + 1);
    }

    @Test
    void aBadEntryOverTheLimitIsRefusedBeforeItIsFiled() {
        ManualEntryPayload bad = new ManualEntryPayload(LedgerFixture.unique("manual"), LedgerFixture.TODAY, "memo", List.of(
                new ManualEntryPayload.Line("GENERAL", "1200", Side.DEBIT, new BigDecimal("20000.00"), null),
                new ManualEntryPayload.Line("GENERAL", "4030", Side.CREDIT, new BigDecimal("20000.00"), null)));
        assertThatThrownBy(() -> manual.submit(bad)).isInstanceOfSatisfying(BusinessRuleViolation.class,
                e -> assertThat(e.problems().get(0).field()).isEqualTo("lines[0].receivableId"));
        assertThat(approvals.payloads).isEmpty();
    }
}

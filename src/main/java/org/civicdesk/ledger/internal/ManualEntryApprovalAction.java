package org.civicdesk.ledger.internal;

import org.civicdesk.identity.ApprovalAction;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Permission;
import org.civicdesk.ledger.Ledger;
import org.springframework.stereotype.Component;

/** Posts a manual entry above the limit once a second person approves it. */
@Component
class ManualEntryApprovalAction implements ApprovalAction<ManualEntryPayload> {

    private final Ledger ledger;

    ManualEntryApprovalAction(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String actionType() {
        return ManualEntries.ACTION_TYPE;
    }

    @Override
    public Class<ManualEntryPayload> payloadType() {
        return ManualEntryPayload.class;
    }

    @Override
    public Permission approverPermission() {
        return Permission.LEDGER_APPROVE_MANUAL;
    }

    @Override
    public String describe(ManualEntryPayload payload) {
        String funds = payload.lines().stream().map(ManualEntryPayload.Line::fund).distinct().sorted()
                .reduce((a, b) -> a + ", " + b).orElse("no fund");
        return "Manual entry of " + payload.total().formatted() + " to " + funds + ": " + payload.memo();
    }

    @Override
    public void execute(ManualEntryPayload payload, ApprovalRequest request) {
        ledger.post(payload.toRequest());
    }
}

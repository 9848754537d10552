package org.civicdesk.cashiering.internal.drawers;

import org.civicdesk.identity.ApprovalAction;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Permission;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** A drawer whose over/short is beyond the tolerance closes when a head cashier approves the count. */
@Component
class OverShortApprovalAction implements ApprovalAction<Drawers.OverShortPayload> {

    private final ObjectProvider<Drawers> drawers;

    OverShortApprovalAction(ObjectProvider<Drawers> drawers) {
        this.drawers = drawers;
    }

    @Override
    public String actionType() {
        return Drawers.OVER_SHORT_ACTION;
    }

    @Override
    public Class<Drawers.OverShortPayload> payloadType() {
        return Drawers.OverShortPayload.class;
    }

    @Override
    public Permission approverPermission() {
        return Permission.DRAWER_SUPERVISE;
    }

    @Override
    public String describe(Drawers.OverShortPayload p) {
        return "Close drawer " + p.drawerId() + " of " + p.cashier() + (p.overShort().isNegative() ? " short " : " over ")
                + p.overShort().amount().abs() + " (beyond the tolerance)";
    }

    @Override
    public void execute(Drawers.OverShortPayload payload, ApprovalRequest request) {
        drawers.getObject().finishClose(payload.drawerId(), payload.countId());
    }
}

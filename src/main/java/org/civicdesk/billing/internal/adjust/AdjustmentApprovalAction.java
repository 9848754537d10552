package org.civicdesk.billing.internal.adjust;

import org.civicdesk.identity.ApprovalAction;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.Money;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Posts a billing adjustment above the limit once a second person holding BILL_ADJUST_APPROVE approves it. */
@Component
class AdjustmentApprovalAction implements ApprovalAction<AdjustmentRequest> {

    // looked up when used: BillingAdjustments files requests through Approvals, which collects this action
    private final ObjectProvider<BillingAdjustments> adjustments;

    AdjustmentApprovalAction(ObjectProvider<BillingAdjustments> adjustments) {
        this.adjustments = adjustments;
    }

    @Override
    public String actionType() {
        return BillingAdjustments.ACTION_TYPE;
    }

    @Override
    public Class<AdjustmentRequest> payloadType() {
        return AdjustmentRequest.class;
    }

    @Override
    public Permission approverPermission() {
        return Permission.BILL_ADJUST_APPROVE;
    }

    @Override
    public String describe(AdjustmentRequest p) {
        String amount = p.amount() == null ? "?" : Money.round(p.amount()).formatted();
        return "Billing adjustment of " + amount + " to account " + p.accountNumber() + " (" + p.reasonCode() + ", "
                + p.serviceType() + (p.billId() == null ? "" : ", bill " + p.billId()) + "): " + p.note();
    }

    @Override
    public void execute(AdjustmentRequest payload, ApprovalRequest request) {
        adjustments.getObject().postApproved(payload, request);
    }
}

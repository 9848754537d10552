package org.civicdesk.cashiering.internal.drawers;

import org.civicdesk.cashiering.internal.payments.PaymentReversals;
import org.civicdesk.identity.ApprovalAction;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Permission;
import org.springframework.stereotype.Component;

/** A same-day void runs when a supervisor (never the requester) approves it. */
@Component
class PaymentVoidApprovalAction implements ApprovalAction<Drawers.VoidPayload> {

    private final PaymentReversals reversals;

    PaymentVoidApprovalAction(PaymentReversals reversals) {
        this.reversals = reversals;
    }

    @Override
    public String actionType() {
        return Drawers.VOID_ACTION;
    }

    @Override
    public Class<Drawers.VoidPayload> payloadType() {
        return Drawers.VoidPayload.class;
    }

    @Override
    public Permission approverPermission() {
        return Permission.PAYMENT_VOID_APPROVE;
    }

    @Override
    public String describe(Drawers.VoidPayload payload) {
        return "Void payment " + payload.paymentId() + " of " + payload.amount().formatted() + ": " + payload.reason();
    }

    @Override
    public void execute(Drawers.VoidPayload payload, ApprovalRequest request) {
        reversals.voidPayment(payload.paymentId(), payload.reason(), request.id());
    }
}

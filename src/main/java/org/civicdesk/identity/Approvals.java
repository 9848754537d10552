package org.civicdesk.identity;

import java.util.List;

/** The general approval mechanism (second-person rule) that later modules use for voids, adjustments, over/short. */
public interface Approvals {

    /**
     * Files a request by the signed-in user. Nothing of the action happens until approval.
     *
     * @param reason why the requester asks (required, shown to the approver)
     */
    <P> ApprovalRequest request(String actionType, P payload, String reason);

    /** Approves and runs the action in one transaction; refused for the requester and for users without the permission. */
    ApprovalRequest approve(long requestId, String note);

    ApprovalRequest deny(long requestId, String note);

    /** The requester takes back a pending request. */
    ApprovalRequest withdraw(long requestId);

    ApprovalRequest find(long requestId);

    /** Pending requests the signed-in user may decide (not their own). */
    List<ApprovalRequest> inboxForCurrentUser();

    /** The signed-in user's own requests, newest first. */
    List<ApprovalRequest> requestedByCurrentUser(int limit);
}

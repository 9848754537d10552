package org.civicdesk.identity;

/**
 * An action that needs a second person. A module registers one bean per action type; the approval
 * mechanism stores the request and calls {@link #execute} only when a user holding
 * {@link #approverPermission()} (never the requester) approves it, inside the approval's transaction.
 *
 * @param <P> the payload: a record serialised to JSON when the request is made
 */
public interface ApprovalAction<P> {

    /** Stable name, e.g. {@code ledger.manual-entry}. */
    String actionType();

    Class<P> payloadType();

    /** The permission a user needs to approve or deny this kind of request. */
    Permission approverPermission();

    /** One line for the approvals inbox, e.g. 'Manual entry of $12,500.00 to Water Utility'. */
    String describe(P payload);

    /**
     * Runs the approved action. A {@link org.civicdesk.platform.BusinessRuleViolation} thrown here leaves
     * the request pending and shows the approver why.
     */
    void execute(P payload, ApprovalRequest request);
}

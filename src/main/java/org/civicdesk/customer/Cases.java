package org.civicdesk.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.Money;

/**
 * Customer cases: inquiries, complaints, billing disputes and service requests, with owner, priority, due date,
 * status, notes and resolution. Collections asks {@link #openDisputedAmount(long)} before acting on an account.
 */
public interface Cases {

    /**
     * A case to open.
     *
     * @param owner          the staff user name responsible; null or blank means the person opening it
     * @param disputedAmount required and positive for a billing dispute, empty for the other types
     */
    record NewCase(CaseType type, CasePriority priority, String subject, String description, String owner,
            Money disputedAmount) {
    }

    /** A case as it stands. */
    record Case(long id, long accountId, String accountNumber, String customerName, CaseType type,
            CasePriority priority, String subject, String description, String owner, CaseStatus status,
            LocalDate dueOn, Money disputedAmount, String resolution, Instant openedAt, String openedBy,
            Instant resolvedAt, String resolvedBy, boolean overdue) {
    }

    /** A note written on a case. */
    record CaseNote(long id, String note, Instant writtenAt, String writtenBy) {
    }

    /** Opens a case on the account; the due date follows from the type. */
    Case open(long accountId, NewCase request);

    Case find(long caseId);

    List<CaseNote> notes(long caseId);

    /** Cases of the account, newest first. */
    List<Case> forAccount(long accountId);

    /** Open and in-progress cases, earliest due first; only those of the owner when one is given. */
    List<Case> openQueue(String ownerOrNull);

    /**
     * Moves a case on: OPEN to IN_PROGRESS, either to RESOLVED (resolution required), RESOLVED to CLOSED, or
     * RESOLVED back to OPEN (reopened).
     */
    Case changeStatus(long caseId, CaseStatus newStatus, String resolution);

    /** Hands the case to another staff user. */
    Case reassign(long caseId, String owner);

    CaseNote addNote(long caseId, String note);

    /** The sum of the disputed amounts of the account's billing disputes that are not yet resolved. */
    Money openDisputedAmount(long accountId);
}

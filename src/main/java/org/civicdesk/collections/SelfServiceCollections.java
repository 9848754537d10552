package org.civicdesk.collections;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.Money;

/**
 * What a customer sees of collections on their own account and may ask for online: the alerts (past due and
 * whether service may be disconnected, the arrangement, a required deposit), and requests for a payment
 * arrangement or a due-date extension decided by the same policies and the same code as at the counter. A
 * refusal is a BusinessRuleViolation carrying every reason the policy gave.
 */
public interface SelfServiceCollections {

    /** An arrangement as the customer sees it. */
    record ArrangementStatus(long id, LocalDate createdOn, Money amount, int months, String status, LocalDate statusOn,
            List<Installment> installments) {
    }

    record Installment(int number, LocalDate dueDate, Money amount) {
    }

    /** A required security deposit. */
    record DepositDue(Money amount, int installments, LocalDate requiredOn) {
    }

    /**
     * The account's standing today.
     *
     * @param mayBeDisconnected the disconnect policy allows disconnecting some service today
     * @param servicesAtRisk    which services (empty when none)
     * @param arrangement       the latest arrangement, or null
     * @param deposit           the deposit required, or null
     */
    record Alerts(LocalDate today, Money pastDue, boolean mayBeDisconnected, List<String> servicesAtRisk,
            ArrangementStatus arrangement, DepositDue deposit) {
    }

    /** A bill whose due date may still be moved. */
    record ExtendableBill(long billId, LocalDate billDate, LocalDate dueDate, Money totalDue, LocalDate latestNewDueDate) {
    }

    Alerts alerts(String accountNumber);

    /** The arrangement policy's answer today without a number of months (whether the account may ask). */
    Decision arrangementEligibility(String accountNumber);

    int arrangementMaxMonths();

    /** Creates the arrangement as the counter does; refused with the policy's reasons, nothing written. */
    ArrangementStatus requestArrangement(String accountNumber, Integer months);

    List<ExtendableBill> extendableBills(String accountNumber);

    int extensionMaxDays();

    /** Moves the bill's due date as the counter does; refused with the policy's reasons, nothing written. */
    ExtendableBill requestExtension(String accountNumber, Long billId, LocalDate newDueDate);
}

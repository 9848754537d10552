package org.civicdesk.billing.internal.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.billing.RatedService;
import org.civicdesk.metering.BillableUsage;
import org.civicdesk.platform.Money;

/**
 * One account's bill as composed (before it is written): its services with their ratings, the balance
 * figures, and what the run should look at. {@code held} bills are not issued.
 */
record ComposedBill(BillInputs.Account account, List<Service> services, Money previousBalance, Money payments,
        Money adjustments, Money newCharges, Money tax, Money totalDue, boolean anyEstimated, LocalDate periodFrom,
        LocalDate periodTo, List<Finding> findings) {

    /** One billed service: its period (the day after previousDate to readDate), usage and rating. */
    record Service(BillInputs.Agreement agreement, LocalDate previousDate, LocalDate readDate, BillableUsage usage,
            BigDecimal consumption, BigDecimal wqa, RatedService rated) {
    }

    /** Something a run reports (kind as in bill_run_exception); {@code held} when it stops the bill. */
    record Finding(Long agreementId, String kind, boolean held, String detail) {
    }

    boolean held() {
        return findings.stream().anyMatch(Finding::held);
    }

    boolean empty() {
        return services.isEmpty();
    }
}

package org.civicdesk.billrun.internal;

import java.util.List;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.Agreement;
import org.civicdesk.fieldservice.FieldOrderCompleted;
import org.civicdesk.fieldservice.FieldOrderTypes;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.platform.BusinessRuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The final bill when the field brings in the last final read: once every agreement of the account is
 * stopped and no final read order of it is still open, the account is billed now up to the read's day
 * (JdbcBillCorrections.billNow), instead of waiting for its cycle. An account that cannot be billed yet (a held
 * read, nothing to bill, a bill already made) is left to its cycle's bill run, which bills stopped agreements
 * with a final bill requested until they are billed to their end; so a replayed event bills nothing twice.
 */
@Component
class FinalBillOnFinalRead {

    private static final Logger log = LoggerFactory.getLogger(FinalBillOnFinalRead.class);

    private final Accounts accounts;
    private final FieldOrders fieldOrders;
    private final JdbcBillCorrections corrections;

    FinalBillOnFinalRead(Accounts accounts, FieldOrders fieldOrders, JdbcBillCorrections corrections) {
        this.accounts = accounts;
        this.fieldOrders = fieldOrders;
        this.corrections = corrections;
    }

    @ApplicationModuleListener
    void on(FieldOrderCompleted completed) {
        if (!FieldOrderTypes.FINAL_READ.equals(completed.type())) {
            return;
        }
        AccountNumber number = AccountNumber.parse(completed.accountNumber()).orElseThrow();
        List<Agreement> agreements = accounts.agreements(number);
        boolean allStopped = !agreements.isEmpty() && agreements.stream().allMatch(a -> "STOPPED".equals(a.status()));
        if (!allStopped || !fieldOrders.openOfAccount(completed.accountId(), FieldOrderTypes.FINAL_READ).isEmpty()) {
            return;
        }
        try {
            long billId = AuditActor.runAs("system:final-bill",
                    () -> corrections.billNow(completed.accountId(), completed.completedOn()));
            log.info("Final bill {} for account {} after final read order {}", billId, number.value(), completed.orderId());
        } catch (BusinessRuleViolation e) {
            log.info("Account {} is left to its cycle's bill run after final read order {}: {}", number.value(),
                    completed.orderId(), e.getMessage());
        }
    }
}

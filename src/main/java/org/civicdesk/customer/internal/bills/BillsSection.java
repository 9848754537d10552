package org.civicdesk.customer.internal.bills;

import java.util.List;
import org.civicdesk.billing.AdjustmentSummary;
import org.civicdesk.billing.BillSummary;
import org.civicdesk.billing.Bills;
import org.civicdesk.billing.UsagePoint;
import org.civicdesk.customer.AccountScreenSection;
import org.civicdesk.customer.internal.casework.AccountRecords;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.springframework.stereotype.Component;

/**
 * The bills section of the account screen (order 100): recent bills with status, PDF links, the billing
 * adjustments posted and the usage summary. It lives in the customer module and reads billing's public Bills API because the customer module
 * already depends on billing (fees); a section inside billing would make the two modules a cycle.
 */
@Component
class BillsSection implements AccountScreenSection {

    /** What the bills fragment (templates/billing/bills-section.html) shows. */
    public record BillsData(String accountNumber, List<BillSummary> bills, List<AdjustmentSummary> adjustments,
            List<UsagePoint> usage, boolean canAdjust) {
    }

    private final Bills bills;
    private final AccountRecords accounts;

    BillsSection(Bills bills, AccountRecords accounts) {
        this.bills = bills;
        this.accounts = accounts;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String template() {
        return "billing/bills-section";
    }

    @Override
    public String selector() {
        return "bills";
    }

    @Override
    public Object data(long accountId) {
        if (!CurrentStaff.has(Permission.BILLING_VIEW)) {
            return null;
        }
        List<BillSummary> recent = bills.ofAccountId(accountId, 13);
        return new BillsData(accounts.byId(accountId).accountNumber(), recent,
                bills.adjustmentsOfAccountId(accountId, 13), bills.recentUsage(accountId), CurrentStaff.has(Permission.BILL_ADJUST));
    }
}

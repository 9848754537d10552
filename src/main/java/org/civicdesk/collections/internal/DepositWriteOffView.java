package org.civicdesk.collections.internal;

import java.util.List;
import java.util.Map;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the deposit-review and write-off block of the Collections section shows (templates/collections/section.html
 * calls it by bean name, so the section's shared data record stays as it is): the deposit's events and surety bond,
 * the latest credit check, the write-off and its recoveries.
 */
@Component("depositWriteOffView")
public class DepositWriteOffView {

    /** The block's data; deposit and writeOff may be null. */
    public record Block(String accountNumber, boolean canManage, boolean commercial, Deposits.Deposit deposit,
            Deposits.CreditCheckRun creditCheck, String creditCheckProvider, WriteOffs.WriteOff writeOff,
            List<Map<String, Object>> recoveries) {
    }

    private final AccountFacts facts;
    private final Deposits deposits;
    private final WriteOffs writeOffs;
    private final Recoveries recoveries;

    DepositWriteOffView(AccountFacts facts, Deposits deposits, WriteOffs writeOffs, Recoveries recoveries) {
        this.facts = facts;
        this.deposits = deposits;
        this.writeOffs = writeOffs;
        this.recoveries = recoveries;
    }

    @Transactional(readOnly = true)
    public Block of(String accountNumber) {
        AccountDetails a = facts.account(new AccountNumber(accountNumber));
        return new Block(a.accountNumber(), CurrentStaff.has(Permission.COLLECTIONS_MANAGE), "COMMERCIAL".equals(a.accountClass()),
                deposits.deposit(a.id()), deposits.lastCreditCheck(a.id()), deposits.provider().name(), writeOffs.ofAccount(a.id()),
                recoveries.ofAccount(a.accountNumber()));
    }
}

package org.civicdesk.ledger;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.Money;

/** Debits, credits and balance of every account of one fund, counting entries dated up to {@code asOf}. */
public record TrialBalance(Fund fund, LocalDate asOf, List<Row> rows, Money totalDebits, Money totalCredits) {

    public TrialBalance {
        rows = List.copyOf(rows);
    }

    /**
     * @param balance debits minus credits for debit-normal accounts, credits minus debits for credit-normal
     *                ones (a negative balance is abnormal)
     */
    public record Row(Account account, Money debits, Money credits, Money balance) {
    }

    /** Funds are self-balancing: total debits equal total credits. */
    public boolean balanced() {
        return totalDebits.equals(totalCredits);
    }
}

package org.civicdesk.billing.internal.run;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civicdesk.billing.RatedLine;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.TaxLine;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Side;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.Money;

/**
 * The journal entry of an issued bill: per fund, the account's receivable debited with the fund's new
 * charges and tax (falling due on the bill's due date), each line's account (revenue, or 2100 for a deposit)
 * credited with its lines and 2300 tax payable with the fund's tax. Balanced per fund by construction.
 */
final class BillPosting {

    static final String SOURCE = "billing";

    private BillPosting() {
    }

    /** The entry, or null when the bill moves no money (all its lines are zero). */
    static JournalEntryRequest entry(String idempotencyKey, LocalDate businessDate, LocalDate dueDate, String memo,
            List<RatedService> services, Map<String, Long> receivableByFund) {
        // fund -> account -> net credit
        Map<String, Map<String, Money>> credits = new TreeMap<>();
        for (RatedService s : services) {
            Map<String, Money> fund = credits.computeIfAbsent(s.fund(), f -> new TreeMap<>());
            for (RatedLine l : s.lines()) {
                fund.merge(l.account(), l.amount(), Money::plus);
            }
            for (TaxLine t : s.taxes()) {
                fund.merge(StandardAccount.TAX_PAYABLE.code(), t.amount(), Money::plus);
            }
        }
        List<JournalLineRequest> lines = new ArrayList<>();
        for (Map.Entry<String, Map<String, Money>> fund : credits.entrySet()) {
            Money receivable = Money.ZERO;
            List<JournalLineRequest> fundCredits = new ArrayList<>();
            for (Map.Entry<String, Money> account : fund.getValue().entrySet()) {
                Money net = account.getValue();
                receivable = receivable.plus(net);
                if (net.isPositive()) {
                    fundCredits.add(JournalLineRequest.credit(fund.getKey(), account.getKey(), net));
                } else if (net.isNegative()) {
                    fundCredits.add(JournalLineRequest.debit(fund.getKey(), account.getKey(), net.negate()));
                }
            }
            if (fundCredits.isEmpty()) {
                continue;
            }
            Long receivableId = receivableByFund.get(fund.getKey());
            if (receivableId == null) {
                throw new IllegalStateException("No receivable for fund " + fund.getKey());
            }
            if (receivable.isPositive()) {
                lines.add(new JournalLineRequest(fund.getKey(), StandardAccount.RECEIVABLES.code(), Side.DEBIT,
                        receivable, receivableId, dueDate, null));
            } else if (receivable.isNegative()) {
                lines.add(new JournalLineRequest(fund.getKey(), StandardAccount.RECEIVABLES.code(), Side.CREDIT,
                        receivable.negate(), receivableId, null, null));
            }
            lines.addAll(fundCredits);
        }
        if (lines.size() < 2) {
            return null;
        }
        return new JournalEntryRequest(idempotencyKey, businessDate, SOURCE, memo, lines);
    }
}

package org.civicdesk.billrun.internal;

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
 * The ledger side of issued bills. Per fund, the account's receivable is debited with the fund's new charges and
 * tax (falling due on the bill's due date), each line's account (revenue, or 2100 for a deposit) credited with
 * its lines and 2300 tax payable with the fund's tax. A bill issued alone posts an entry of its own; a bill run's
 * chunk posts one entry for its bills: each bill's receivable lines as above (the line's memo names the bill),
 * the credits summed per fund and account over the chunk, as a subledger posts to the general ledger. Balanced
 * per fund by construction either way.
 */
final class BillPosting {

    static final String SOURCE = "billing";

    private BillPosting() {
    }

    /** A bill as the chunk's entry posts it: its net credits by fund and account ({@link #netCreditsByFund}). */
    record ChunkBill(long billId, LocalDate dueDate, Map<String, Map<String, Money>> netCredits,
            Map<String, Long> receivableByFund) {

        boolean movesMoney() {
            return netCredits.values().stream().anyMatch(nets -> nets.values().stream().anyMatch(n -> !n.isZero()));
        }
    }

    /** The entry of one bill, or null when the bill moves no money (all its lines are zero). */
    static JournalEntryRequest entry(String idempotencyKey, LocalDate businessDate, LocalDate dueDate, String memo,
            List<RatedService> services, Map<String, Long> receivableByFund) {
        List<JournalLineRequest> lines = new ArrayList<>();
        for (Map.Entry<String, Map<String, Money>> fund : netCreditsByFund(services).entrySet()) {
            List<JournalLineRequest> credits = accountLines(fund.getKey(), fund.getValue());
            if (credits.isEmpty()) {
                continue;
            }
            JournalLineRequest receivable = receivableLine(fund.getKey(), fund.getValue(), receivableByFund, dueDate, null);
            if (receivable != null) {
                lines.add(receivable);
            }
            lines.addAll(credits);
        }
        return lines.size() < 2 ? null : new JournalEntryRequest(idempotencyKey, businessDate, SOURCE, memo, lines);
    }

    /** The one entry of a run chunk's bills, or null when none of them moves money. */
    static JournalEntryRequest chunkEntry(String idempotencyKey, LocalDate businessDate, String memo,
            List<ChunkBill> bills) {
        List<JournalLineRequest> lines = new ArrayList<>();
        Map<String, Map<String, Money>> chunkCredits = new TreeMap<>();
        for (ChunkBill bill : bills) {
            for (Map.Entry<String, Map<String, Money>> fund : bill.netCredits().entrySet()) {
                JournalLineRequest receivable = receivableLine(fund.getKey(), fund.getValue(), bill.receivableByFund(),
                        bill.dueDate(), "Bill " + bill.billId());
                if (receivable != null) {
                    lines.add(receivable);
                }
                Map<String, Money> sums = chunkCredits.computeIfAbsent(fund.getKey(), f -> new TreeMap<>());
                fund.getValue().forEach((account, net) -> sums.merge(account, net, Money::plus));
            }
        }
        chunkCredits.forEach((fund, nets) -> lines.addAll(accountLines(fund, nets)));
        return lines.size() < 2 ? null : new JournalEntryRequest(idempotencyKey, businessDate, SOURCE, memo, lines);
    }

    /**
     * What undoes a bill: its receivable lines and credits per fund turned over (a credit to a receivable carries
     * no due date, a debit falls due on the day, as a ledger reversal does). Null when the bill moved no money.
     */
    static JournalEntryRequest cancellation(String idempotencyKey, LocalDate today, String memo,
            Map<String, Map<String, Money>> netCreditsByFund, Map<String, Long> receivableByFund) {
        List<JournalLineRequest> lines = new ArrayList<>();
        for (Map.Entry<String, Map<String, Money>> fund : new TreeMap<>(netCreditsByFund).entrySet()) {
            List<JournalLineRequest> credits = accountLines(fund.getKey(), fund.getValue());
            if (credits.isEmpty()) {
                continue;
            }
            JournalLineRequest receivable = receivableLine(fund.getKey(), fund.getValue(), receivableByFund, null, null);
            if (receivable != null) {
                lines.add(turnedOver(receivable, today));
            }
            credits.forEach(l -> lines.add(turnedOver(l, today)));
        }
        return lines.size() < 2 ? null : new JournalEntryRequest(idempotencyKey, today, SOURCE, memo, lines);
    }

    private static JournalLineRequest turnedOver(JournalLineRequest l, LocalDate today) {
        Side side = l.side().opposite();
        LocalDate due = side == Side.DEBIT && l.receivableId() != null ? today : null;
        return new JournalLineRequest(l.fund(), l.account(), side, l.amount(), l.receivableId(), due, l.memo());
    }

    /** fund -> account -> net credit of the services' lines and taxes. */
    static Map<String, Map<String, Money>> netCreditsByFund(List<RatedService> services) {
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
        return credits;
    }

    /** Each account's net: a credit, or a debit when negative; none when zero. */
    private static List<JournalLineRequest> accountLines(String fund, Map<String, Money> nets) {
        List<JournalLineRequest> lines = new ArrayList<>();
        nets.forEach((account, net) -> {
            if (net.isPositive()) {
                lines.add(JournalLineRequest.credit(fund, account, net));
            } else if (net.isNegative()) {
                lines.add(JournalLineRequest.debit(fund, account, net.negate()));
            }
        });
        return lines;
    }

    /** The receivable's line for the fund's nets (a debit due on the due date, a credit when negative), or null. */
    private static JournalLineRequest receivableLine(String fund, Map<String, Money> nets,
            Map<String, Long> receivableByFund, LocalDate dueDate, String memo) {
        Money total = Money.ZERO;
        boolean moves = false;
        for (Money net : nets.values()) {
            total = total.plus(net);
            moves |= !net.isZero();
        }
        if (!moves) {
            return null;
        }
        Long receivableId = receivableByFund.get(fund);
        if (receivableId == null) {
            throw new IllegalStateException("No receivable for fund " + fund);
        }
        if (total.isPositive()) {
            return new JournalLineRequest(fund, StandardAccount.RECEIVABLES.code(), Side.DEBIT, total, receivableId,
                    dueDate, memo);
        }
        if (total.isNegative()) {
            return new JournalLineRequest(fund, StandardAccount.RECEIVABLES.code(), Side.CREDIT, total.negate(),
                    receivableId, null, memo);
        }
        return null;
    }
}

package org.civicdesk.cashiering.internal.drawers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civicdesk.ledger.Fund;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.ledger.TrialBalance;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Daily Cash Report of one business day: every drawer with its tenders, over/short and count; collections by
 * fund and revenue source; voids, reversals and returns; the deposits and the card settlements; and the tie-out:
 * the day's movement of cash in drawers (1020) worked out from cashiering's own records against the movement in
 * the trial balance, per fund and in all, to the cent.
 */
@Service
public class DailyCashReports {

    private final JdbcClient jdbc;
    private final Drawers drawers;
    private final Ledger ledger;

    DailyCashReports(JdbcClient jdbc, Drawers drawers, Ledger ledger) {
        this.jdbc = jdbc;
        this.drawers = drawers;
        this.ledger = ledger;
    }

    public record DailyCashReport(LocalDate businessDate, Instant generatedAt, List<DrawerLine> drawers,
            Map<String, Money> tenderTotals, List<FundSource> collections, List<Reversal> reversals,
            List<Drawers.Deposit> deposits, Money cardsTaken, Money cardBatchTotals, List<TieRow> tieOut,
            Money recordsNetDrawerCash, Money ledgerNetDrawerCash) {

        public boolean ties() {
            return recordsNetDrawerCash.equals(ledgerNetDrawerCash) && tieOut.stream().allMatch(TieRow::ties);
        }

        public Money totalCollections() {
            return collections.stream().map(FundSource::amount).reduce(Money.ZERO, Money::plus);
        }

        public Money overShort() {
            return drawers.stream().map(DrawerLine::overShort).reduce(Money.ZERO, Money::plus);
        }
    }

    /** One drawer of the day. */
    public record DrawerLine(Drawers.Drawer drawer, Drawers.Totals totals, Money countedCash, Money countedChecks,
            Money cardBatchTotal, Money overShort) {
    }

    /** Collections (net of voids) by fund and revenue source (the account credited). */
    public record FundSource(String fund, String account, String kind, Money amount) {
    }

    public record Reversal(long paymentId, String kind, String returnCode, String reason, Money amount, Long drawerId,
            String by) {
    }

    /**
     * One fund's cash in drawers for the day: from cashiering's records (drawer payments net of change and
     * voids, over/short, less deposits) and from the trial balance (balance at the end of the day minus the
     * day before).
     */
    public record TieRow(String fund, Money fromRecords, Money fromTrialBalance) {
        public boolean ties() {
            return fromRecords.equals(fromTrialBalance);
        }

        public Money difference() {
            return fromTrialBalance.minus(fromRecords);
        }
    }

    @Transactional(readOnly = true)
    public DailyCashReport report(LocalDate date) {
        List<DrawerLine> lines = new ArrayList<>();
        Map<String, Money> tenderTotals = new TreeMap<>();
        Map<String, Money> recordsByFund = new TreeMap<>();
        Money recordsNet = Money.ZERO;
        Money cardsTaken = Money.ZERO;
        Money cardBatch = Money.ZERO;
        for (Drawers.Drawer d : drawers.onDate(date)) {
            Drawers.Totals t = drawers.totals(d.id());
            t.byTender().forEach((k, v) -> tenderTotals.merge(k, v, Money::plus));
            Drawers.LatestCount c = "CLOSED".equals(d.status()) || "DEPOSITED".equals(d.status())
                    ? drawers.latestCount(d.id()).orElse(null) : null;
            Money overShort = d.overShort() == null ? Money.ZERO : d.overShort();
            lines.add(new DrawerLine(d, t, c == null ? null : c.cash(), c == null ? null : c.checks(),
                    c == null ? null : c.cardBatchTotal(), overShort));
            // the drawer's cash from its own records: what was taken in cash and checks, less change, plus over/short
            recordsNet = recordsNet.plus(t.physicalTaken()).minus(t.changeGiven()).plus(overShort);
            t.ledgerCashByFund().forEach((f, m) -> recordsByFund.merge(f, m, Money::plus));
            cardsTaken = cardsTaken.plus(t.cards());
            if (c != null) {
                cardBatch = cardBatch.plus(c.cardBatchTotal());
            }
        }
        List<Drawers.Deposit> deposits = drawers.depositsOn(date);
        for (Drawers.Deposit dep : deposits) {
            recordsNet = recordsNet.minus(dep.total());
            dep.byFund().forEach((f, m) -> recordsByFund.merge(f, m.negate(), Money::plus));
        }
        List<TieRow> tie = new ArrayList<>();
        Money ledgerNet = Money.ZERO;
        for (Fund fund : ledger.funds()) {
            Money change = drawerCash(ledger.trialBalance(fund.code(), date))
                    .minus(drawerCash(ledger.trialBalance(fund.code(), date.minusDays(1))));
            Money records = recordsByFund.getOrDefault(fund.code(), Money.ZERO);
            ledgerNet = ledgerNet.plus(change);
            if (!change.isZero() || !records.isZero()) {
                tie.add(new TieRow(fund.code(), records, change));
            }
        }
        return new DailyCashReport(date, Instant.now(), lines, tenderTotals, collections(date), reversals(date), deposits,
                cardsTaken, cardBatch, tie, recordsNet, ledgerNet);
    }

    private static Money drawerCash(TrialBalance tb) {
        return tb.rows().stream().filter(r -> r.account().code().equals(StandardAccount.CASH_IN_DRAWERS.code()))
                .map(TrialBalance.Row::balance).findFirst().orElse(Money.ZERO);
    }

    private List<FundSource> collections(LocalDate date) {
        return jdbc.sql("""
                select a.fund_code, a.account, a.kind, sum(a.amount)
                from cashiering_payment p join cashiering_payment_allocation a on a.payment_id = p.id
                join cashiering_drawer d on d.id = p.drawer_id
                where d.business_date = :d
                  and not exists (select 1 from cashiering_payment_reversal r where r.payment_id = p.id and r.kind = 'VOID')
                group by 1, 2, 3 order by 1, 2, 3""").param("d", date)
                .query((rs, i) -> new FundSource(rs.getString(1), rs.getString(2), rs.getString(3),
                        Money.of(rs.getBigDecimal(4)))).list();
    }

    private List<Reversal> reversals(LocalDate date) {
        return jdbc.sql("""
                select r.payment_id, r.kind, r.return_code, r.reason, p.amount, p.drawer_id, r.created_by
                from cashiering_payment_reversal r join cashiering_payment p on p.id = r.payment_id
                where r.business_date = :d order by r.created_at""").param("d", date)
                .query((rs, i) -> new Reversal(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Money.of(rs.getBigDecimal(5)), (Long) rs.getObject(6), rs.getString(7))).list();
    }

    /** The report as CSV: sections, one row per figure, amounts as plain decimals. */
    public String csv(DailyCashReport r) {
        StringBuilder s = new StringBuilder();
        s.append("section,item,detail,amount\n");
        for (DrawerLine d : r.drawers()) {
            String drawer = "drawer " + d.drawer().id() + " " + d.drawer().cashier();
            s.append(row("drawer", drawer, "opening float", d.drawer().openingFloat().amount()));
            d.totals().byTender().forEach((k, v) -> s.append(row("drawer", drawer, k, v.amount())));
            s.append(row("drawer", drawer, "change given", d.totals().changeGiven().amount()));
            s.append(row("drawer", drawer, "over/short", d.overShort().amount()));
            if (d.countedCash() != null) {
                s.append(row("drawer", drawer, "counted cash", d.countedCash().amount()));
                s.append(row("drawer", drawer, "counted checks", d.countedChecks().amount()));
                s.append(row("drawer", drawer, "card batch total", d.cardBatchTotal().amount()));
            }
        }
        r.tenderTotals().forEach((k, v) -> s.append(row("tender", k, "", v.amount())));
        for (FundSource f : r.collections()) {
            s.append(row("collections", f.fund() + " " + f.account(), f.kind(), f.amount().amount()));
        }
        for (Reversal v : r.reversals()) {
            s.append(row("reversal", "payment " + v.paymentId(), v.kind() + (v.returnCode() == null ? "" : " " + v.returnCode()),
                    v.amount().amount()));
        }
        for (Drawers.Deposit d : r.deposits()) {
            d.byFund().forEach((f, m) -> s.append(row("deposit", "deposit " + d.id(), f, m.amount())));
        }
        s.append(row("cards", "cards taken", "", r.cardsTaken().amount()));
        s.append(row("cards", "card batch totals", "", r.cardBatchTotals().amount()));
        for (TieRow t : r.tieOut()) {
            s.append(row("tie-out", t.fund() + " 1020", "records", t.fromRecords().amount()));
            s.append(row("tie-out", t.fund() + " 1020", "trial balance", t.fromTrialBalance().amount()));
        }
        s.append(row("tie-out", "all funds 1020", "records", r.recordsNetDrawerCash().amount()));
        s.append(row("tie-out", "all funds 1020", "trial balance", r.ledgerNetDrawerCash().amount()));
        s.append(row("tie-out", "ties", r.ties() ? "yes" : "NO", BigDecimal.ZERO));
        return s.toString();
    }

    private static String row(String section, String item, String detail, BigDecimal amount) {
        return csvField(section) + "," + csvField(item) + "," + csvField(detail) + "," + amount.toPlainString() + "\n";
    }

    private static String csvField(String v) {
        String t = v == null ? "" : v;
        if (t.startsWith("=") || t.startsWith("+") || t.startsWith("-") || t.startsWith("@")) {
            t = "'" + t; // no formula injection in spreadsheets
        }
        return t.contains(",") || t.contains("\"") || t.contains("\n") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }
}

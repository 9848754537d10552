package org.civicdesk.billing.internal.adjust;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.TariffBook;
import org.civicdesk.billing.Tariffs;
import org.civicdesk.billing.internal.tariff.TariffBookLoader;
import org.civicdesk.billing.internal.document.BillingAccounts;
import org.civicdesk.billing.internal.document.BillingAccounts.BillingAccount;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The wastewater fee adjustment: an account's past wastewater periods (issued, not cancelled), their
 * recomputation with corrected volumes (nothing written), and the one adjustment (WASTEWATER_VOLUME_CORRECTION)
 * that posts the total difference through the usual approval rule.
 */
@Service
public class WastewaterAdjustments {

    static final String REASON = "WASTEWATER_VOLUME_CORRECTION";

    private final JdbcClient jdbc;
    private final ObjectProvider<Tariffs> tariffs;
    private final BillingAccounts accounts;
    private final BillingAdjustments adjustments;

    WastewaterAdjustments(JdbcClient jdbc, ObjectProvider<Tariffs> tariffs, BillingAccounts accounts,
            BillingAdjustments adjustments) {
        this.jdbc = jdbc;
        this.tariffs = tariffs;
        this.accounts = accounts;
        this.adjustments = adjustments;
    }

    /** The account's wastewater periods on bills that stand (not cancelled), newest first. */
    @Transactional(readOnly = true)
    public List<WastewaterRecompute.BilledPeriod> periods(String accountNumber) {
        BillingAccount account = accounts.require(accountNumber, "accountNumber");
        return jdbc.sql("""
                select s.id, s.bill_id, s.rate_schedule, s.period_from, s.period_to, s.days, s.consumption, s.wqa, s.total
                  from bill b join bill_service s on s.bill_id = b.id
                 where b.account_id = :a and s.service_type = 'WASTEWATER'
                   and not exists (select 1 from bill_cancellation c where c.bill_id = b.id)
                 order by s.period_to desc, s.id desc limit 36
                """).param("a", account.id())
                .query((rs, n) -> new WastewaterRecompute.BilledPeriod(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getInt(6),
                        rs.getBigDecimal(7), rs.getBigDecimal(8), Money.of(rs.getBigDecimal(9))))
                .list();
    }

    /** The installed book, else the stored book read now (a few hundred rows: fine for one form). */
    private TariffBook book() {
        Tariffs installed = tariffs.getIfAvailable();
        return installed != null ? installed.book() : new TariffBookLoader(jdbc).load();
    }

    /** The comparison per period and in total; writes nothing. */
    @Transactional(readOnly = true)
    public WastewaterRecompute.Result preview(String accountNumber, Map<Long, WastewaterRecompute.Correction> corrections) {
        return WastewaterRecompute.compute(book(), periods(accountNumber), corrections);
    }

    /** Recomputes again (never trusting the figures the page showed) and submits the total difference. */
    @Transactional
    public BillingAdjustments.Outcome confirm(String requestKey, String accountNumber,
            Map<Long, WastewaterRecompute.Correction> corrections, String note) {
        WastewaterRecompute.Result result = preview(accountNumber, corrections);
        if (result.difference().isZero()) {
            throw new BusinessRuleViolation("billing.wastewater-no-difference", "periods",
                    "The corrected figures bill the same amount: there is nothing to adjust");
        }
        List<Long> bills = result.periods().stream().map(AdjustmentRequest.WastewaterPeriod::billId).distinct().toList();
        return adjustments.submit(new AdjustmentRequest(requestKey, accountNumber, bills.size() == 1 ? bills.get(0) : null,
                "WASTEWATER", null, result.difference().amount(), REASON, note, result.periods()));
    }
}

package org.civicdesk.billing.document;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.RatedLine;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.billing.TariffBook;
import org.civicdesk.billing.TaxLine;
import org.civicdesk.billing.internal.tariff.TariffBookLoader;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test helper: inserts a customer, an account with water (W1.1) and wastewater (S1.1) at a premise, and issued
 * bills written straight into the bill tables, rated with the stored demo tariff book, the way the bill engine
 * stores them. Unique per call (the test database is shared and never cleaned).
 */
public final class TestBills {

    /** The account made for a test. */
    public record TestAccount(long accountId, String accountNumber, String customerName, long waterAgreementId,
            long wastewaterAgreementId, String serviceAddress) {
    }

    /** What one bill period used. */
    public record Period(LocalDate previousRead, LocalDate read, int kgal, BigDecimal wqa, boolean estimated) {
    }

    private static TariffBook book;

    private TestBills() {
    }

    static synchronized TariffBook book(JdbcClient jdbc) {
        if (book == null) {
            book = new TariffBookLoader(jdbc).load();
        }
        return book;
    }

    public static TestAccount account(JdbcClient jdbc, String language) {
        String unique = Long.toString(System.nanoTime());
        String last = "Billtester" + unique;
        Timestamp now = new Timestamp(System.currentTimeMillis());
        long customerId = jdbc.sql("""
                insert into customer (kind, first_name, last_name, display_name, preferred_language, created_at, created_by)
                values ('PERSON', 'Lucia', ?, ?, ?, ?, 'test') returning id""")
                .params(last, "Lucia " + last, language, now).query(Long.class).single();
        String number = AccountNumber.fromSequence(jdbc.sql("select nextval('account_number_seq')").query(Long.class).single()).value();
        long accountId = jdbc.sql("""
                insert into account (account_number, customer_id, mailing_line1, mailing_city, mailing_state, mailing_zip,
                                     language, opened_on, created_at, created_by)
                values (?, ?, 'PO Box 1466', 'Mesa', 'AZ', '85211', ?, ?, ?, 'test') returning id""")
                .params(number, customerId, language, LocalDate.of(2025, 1, 2), now).query(Long.class).single();
        String street = unique + " W Billing Ave";
        long premiseId = jdbc.sql("""
                insert into premise (address_line1, city, state, zip, premise_type, billing_cycle, route, services_available, created_at)
                values (?, 'Mesa', 'AZ', '85201', 'SINGLE_FAMILY', 3, 'R12', array['WATER','WASTEWATER'], ?) returning id""")
                .params(street, now).query(Long.class).single();
        long water = agreement(jdbc, accountId, premiseId, "WATER", "W1.1", now);
        long wastewater = agreement(jdbc, accountId, premiseId, "WASTEWATER", "S1.1", now);
        return new TestAccount(accountId, number, "Lucia " + last, water, wastewater, street + ", Mesa, AZ 85201");
    }

    private static long agreement(JdbcClient jdbc, long accountId, long premiseId, String type, String schedule, Timestamp now) {
        return jdbc.sql("""
                insert into service_agreement (account_id, premise_id, service_type, rate_schedule, start_date, status, created_at, created_by)
                values (?, ?, ?, ?, ?, 'ACTIVE', ?, 'test') returning id""")
                .params(accountId, premiseId, type, schedule, LocalDate.of(2025, 1, 2), now).query(Long.class).single();
    }

    /**
     * Issues one bill for water and wastewater over the period, rated with the demo book; the bill date is the day
     * after the read, due 21 days later; created at noon of the bill date so that bills order as issued.
     */
    public static long bill(JdbcClient jdbc, TestAccount a, Period p, String language, Money previousBalance,
            Money payments, Long rebillOf) {
        TariffBook rates = book(jdbc);
        BigDecimal kgal = BigDecimal.valueOf(p.kgal());
        RatedService water = rates.rate(new RatingRequest("W1.1", p.previousRead(), p.read(), kgal, null, null, Map.of()));
        RatedService sewer = rates.rate(new RatingRequest("S1.1", p.previousRead(), p.read(), kgal, null, p.wqa(), Map.of()));
        Money charges = water.charges().plus(sewer.charges());
        Money tax = water.tax().plus(sewer.tax());
        Money total = previousBalance.minus(payments).plus(charges).plus(tax);
        LocalDate billDate = p.read().plusDays(1);
        long billId = jdbc.sql("""
                insert into bill (account_id, account_number, bill_date, due_date, period_from, period_to, language,
                                  previous_balance, payments, adjustments, new_charges, tax, total_due, any_estimated,
                                  rebill_of_bill_id, idempotency_key, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 'test') returning id""")
                .params(a.accountId(), a.accountNumber(), billDate, billDate.plusDays(21), p.previousRead().plusDays(1),
                        p.read(), language, previousBalance.amount(), payments.amount(), charges.amount(), tax.amount(),
                        total.amount(), p.estimated(), rebillOf, "test-bill:" + a.accountNumber() + ":" + p.read() + ":" + System.nanoTime(),
                        Timestamp.from(billDate.atTime(12, 0).atZone(ZoneId.of("America/Phoenix")).toInstant()))
                .query(Long.class).single();
        service(jdbc, billId, a.waterAgreementId(), "WATER", p, water, null);
        service(jdbc, billId, a.wastewaterAgreementId(), "WASTEWATER", p, sewer, p.wqa());
        return billId;
    }

    private static void service(JdbcClient jdbc, long billId, long agreementId, String type, Period p, RatedService r,
            BigDecimal wqa) {
        boolean metered = type.equals("WATER");
        long serviceId = jdbc.sql("""
                insert into bill_service (bill_id, agreement_id, service_type, rate_schedule, fund, period_from, period_to,
                                          days, meter_number, from_reading, to_reading, consumption, estimated, wqa,
                                          charges, tax, total)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(billId, agreementId, type, r.rateSchedule(), r.fund(), p.previousRead().plusDays(1), p.read(), r.days(),
                        metered ? "W-" + agreementId : null, metered ? BigDecimal.valueOf(1000) : null,
                        metered ? BigDecimal.valueOf(1000 + p.kgal()) : null, BigDecimal.valueOf(p.kgal()),
                        metered && p.estimated(), wqa, r.charges().amount(), r.tax().amount(), r.total().amount())
                .query(Long.class).single();
        int lineNo = 0;
        for (RatedLine l : r.lines()) {
            jdbc.sql("""
                    insert into bill_line (bill_id, bill_service_id, line_no, kind, part, description, quantity, unit,
                                           unit_price, amount, taxable, account, version_id, version_label, part_from, part_to)
                    values (?, ?, ?, 'CHARGE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(billId, serviceId, ++lineNo, l.part(), l.description(), l.quantity(), l.unit(), l.unitPrice(),
                            l.amount().amount(), l.taxable(), l.account(), l.versionId(), l.version(), l.from(), l.to())
                    .update();
        }
        for (TaxLine t : r.taxes()) {
            jdbc.sql("""
                    insert into bill_line (bill_id, bill_service_id, line_no, kind, part, description, quantity, unit,
                                           unit_price, amount, account, version_id, version_label, part_from, part_to)
                    values (?, ?, ?, 'TAX', ?, ?, ?, 'USD', ?, ?, '2300', ?, ?, ?, ?)""")
                    .params(billId, serviceId, ++lineNo, t.jurisdiction(), t.jurisdiction() + " tax", t.base().amount(),
                            t.rate(), t.amount().amount(), t.rateId(), t.jurisdiction(), p.previousRead().plusDays(1), p.read())
                    .update();
        }
    }

    /**
     * Cancels a bill the way the bill engine records it (the reversal entry id is not checked by the table), a day
     * after the latest bill of the account was issued.
     */
    public static void cancel(JdbcClient jdbc, long billId, String reason) {
        jdbc.sql("""
                insert into bill_cancellation (bill_id, reversal_entry_id, reason, cancelled_at, cancelled_by)
                select ?, 0, ?, max(b.created_at) + interval '1 day', 'test'
                  from bill b where b.account_id = (select account_id from bill where id = ?)""")
                .params(billId, reason, billId).update();
    }

    /** Twelve monthly periods read on the 10th before the given read date, then that period: 13 in all. */
    public static List<Period> thirteenMonths(LocalDate lastRead, int lastKgal, BigDecimal wqa) {
        java.util.ArrayList<Period> periods = new java.util.ArrayList<>();
        for (int i = 12; i >= 1; i--) {
            LocalDate read = lastRead.minusMonths(i);
            periods.add(new Period(read.minusMonths(1), read, 4 + (i % 7), wqa, i == 3));
        }
        periods.add(new Period(lastRead.minusDays(30), lastRead, lastKgal, wqa, false));
        return periods;
    }
}

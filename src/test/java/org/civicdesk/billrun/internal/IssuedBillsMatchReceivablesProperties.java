package org.civicdesk.billrun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.TariffBook;
import org.civicdesk.billing.Tariffs;
import org.civicdesk.billing.internal.tariff.TariffBookLoader;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.internal.JdbcLedger;
import org.civicdesk.metering.BillingReads;
import org.civicdesk.support.TestDatabase;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For random small cities and usages, billed one by one or as one run chunk, the issued bills add up to the
 * receivables posted, to the cent.
 */
class IssuedBillsMatchReceivablesProperties {

    private static final ZoneId PHOENIX = ZoneId.of("America/Phoenix");
    private static final LocalDate PREVIOUS = LocalDate.of(2026, 6, 3);
    private static final LocalDate READ = LocalDate.of(2026, 7, 2);

    private final DataSource dataSource = TestDatabase.dataSource();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final FakeBillingReads reads = new FakeBillingReads();
    private final TariffBook book = new TariffBookLoader(jdbc).load();
    private final Clock clock = Clock.fixed(LocalDate.of(2026, 7, 3).atTime(9, 0).atZone(PHOENIX).toInstant(), PHOENIX);
    private final Ledger ledger = JdbcLedger.on(dataSource, clock, NO_AUDIT, event -> { });
    private final BillMaker maker;

    IssuedBillsMatchReceivablesProperties() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("tariffs", (Tariffs) () -> book);
        beans.addBean("reads", (BillingReads) reads);
        maker = new BillMaker(dataSource, ledger, beans.getBeanProvider(Tariffs.class),
                beans.getBeanProvider(BillingReads.class), clock, NO_AUDIT,
                beans.getBeanProvider(org.civicdesk.cashiering.CreditBalances.class));
    }

    /** One account: which services it takes and how much it used. */
    record Home(boolean electric, boolean gas, boolean water, boolean solidWaste, int kwh, int therms, int kgal,
            boolean spanish) {
    }

    @Provide
    Arbitrary<List<Home>> cities() {
        Arbitrary<Home> home = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.integers().between(0, 3000),
                        Arbitraries.integers().between(0, 120), Arbitraries.integers().between(0, 60),
                        Arbitraries.of(true, false))
                .as(Home::new);
        return home.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 25)
    void issuedBillsEqualTheReceivablesPosted(@ForAll("cities") List<Home> homes, @ForAll boolean asOneRunChunk) {
        BillingCity city = new BillingCity(dataSource);
        List<BillingCity.TestAccount> accounts = new ArrayList<>();
        for (Home h : homes) {
            BillingCity.TestAccount a = city.account(1 + accounts.size() % 20, h.spanish() ? "es" : "en");
            LocalDate start = LocalDate.of(2025, 1, 1);
            if (h.electric()) {
                metered(city.agreement(a, "ELECTRIC", "E1.1", start), h.kwh());
            }
            if (h.gas()) {
                metered(city.agreement(a, "GAS", "G1.1", start), h.therms());
            }
            if (h.water()) {
                metered(city.agreement(a, "WATER", "W1.1", start), h.kgal());
                city.agreement(a, "WASTEWATER", "S1.1", start);
            }
            if (h.solidWaste()) {
                city.agreement(a, "SOLID_WASTE", "R1.2", PREVIOUS.plusDays(1));
            }
            accounts.add(a);
        }
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        if (asOneRunChunk) {
            // the accounts as one chunk of a run: one entry for all their bills
            long runId = jdbc.sql("""
                    insert into bill_run (billing_cycle, mode, cutoff_date, bill_date, due_date, status, created_at, created_by)
                    values (1, 'ISSUE', ?, ?, ?, 'COMPLETED', now(), 'property') returning id""")
                    .params(READ, READ.plusDays(1), READ.plusDays(22)).query(Long.class).single();
            long[] chunk = accounts.stream().mapToLong(BillingCity.TestAccount::id).toArray();
            tx.executeWithoutResult(s -> maker.make(new BillMaker.Target(runId, null, chunk[0], chunk[chunk.length - 1],
                    READ, READ.plusDays(1), READ.plusDays(22), true, chunk)));
        } else {
            // each account billed alone: an entry per bill
            for (BillingCity.TestAccount a : accounts) {
                tx.executeWithoutResult(s -> maker.make(new BillMaker.Target(null, null, a.id(), a.id(), READ,
                        READ.plusDays(1), READ.plusDays(22), true)));
            }
        }
        String[] ids = accounts.stream().map(a -> Long.toString(a.id())).toArray(String[]::new);
        String[] numbers = accounts.stream().map(BillingCity.TestAccount::number).toArray(String[]::new);
        BigDecimal billed = jdbc.sql("select coalesce(sum(new_charges + tax), 0) from bill where account_id = any(?::bigint[])")
                .param(ids).query(BigDecimal.class).single();
        BigDecimal receivables = jdbc.sql("""
                select coalesce(sum(b.balance), 0) from ledger_receivable r
                join ledger_receivable_balance b on b.receivable_id = r.id
                where r.receivable_type = 'utility-account' and r.reference = any(?::text[])""")
                .param(numbers).query(BigDecimal.class).single();
        BigDecimal control = jdbc.sql("""
                select coalesce(sum(l.debit - l.credit), 0) from ledger_journal_line l
                where l.entry_id in (select b.ledger_entry_id from bill b where b.account_id = any(?::bigint[]))
                  and l.is_receivables_control""")
                .param(ids).query(BigDecimal.class).single();
        assertThat(receivables).isEqualByComparingTo(billed);
        assertThat(control).isEqualByComparingTo(billed);
        // each bill's own receivable lines (in a run's entry they name the bill) are its charges and tax
        assertThat(jdbc.sql("""
                select count(*) from bill b
                where b.account_id = any(?::bigint[])
                  and b.new_charges + b.tax <> coalesce((select sum(l.debit - l.credit) from ledger_journal_line l
                                                where l.entry_id = b.ledger_entry_id and l.is_receivables_control
                                                  and (l.memo = 'Bill ' || b.id or b.bill_run_id is null)), 0)""")
                .param(ids).query(Long.class).single()).isZero();
        // and the entries balance in every fund (the run's revenue and tax summed over its bills)
        assertThat(jdbc.sql("""
                select count(*) from (
                  select l.entry_id, l.fund_code from ledger_journal_line l
                  where l.entry_id in (select b.ledger_entry_id from bill b where b.account_id = any(?::bigint[]))
                  group by l.entry_id, l.fund_code having sum(l.debit) <> sum(l.credit)) unbalanced""")
                .param(ids).query(Long.class).single()).isZero();
        // each bill's lines add up to its charges and tax, and fresh accounts owe exactly the bill
        List<Map<String, Object>> bills = jdbc.sql("""
                select b.id, b.new_charges, b.tax, b.total_due,
                  (select coalesce(sum(amount), 0) from bill_line l where l.bill_id = b.id and l.kind = 'CHARGE') as charges,
                  (select coalesce(sum(amount), 0) from bill_line l where l.bill_id = b.id and l.kind = 'TAX') as taxes
                from bill b where b.account_id = any(?::bigint[])""")
                .param(ids).query().listOfRows();
        for (Map<String, Object> b : bills) {
            assertThat((BigDecimal) b.get("charges")).isEqualByComparingTo((BigDecimal) b.get("new_charges"));
            assertThat((BigDecimal) b.get("taxes")).isEqualByComparingTo((BigDecimal) b.get("tax"));
            assertThat((BigDecimal) b.get("total_due"))
                    .isEqualByComparingTo(((BigDecimal) b.get("new_charges")).add((BigDecimal) b.get("tax")));
        }
        long expectedBills = homes.stream().filter(h -> h.electric() || h.gas() || h.water() || h.solidWaste()).count();
        assertThat(bills).hasSize((int) expectedBills);
    }

    private void metered(long agreementId, int used) {
        reads.read(agreementId, PREVIOUS, 10_000);
        reads.read(agreementId, READ, 10_000L + used);
    }

    private static final AuditTrail NO_AUDIT = new AuditTrail() {
        @Override
        public void recordChange(String recordType, String recordId, String action, Object before, Object after) {
        }

        @Override
        public void recordReveal(String recordType, String recordId, String field) {
        }

        @Override
        public void recordEvent(String action, String recordType, String recordId, String detail) {
        }
    };
}

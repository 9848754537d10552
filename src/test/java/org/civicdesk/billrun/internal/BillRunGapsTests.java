package org.civicdesk.billrun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** What the billing day walk and issue 4's review found: run page, account screen, due days, first bills, trials. */
@CivicDeskTest
@Import(BillingTestConfiguration.class)
@org.springframework.test.context.TestPropertySource(properties = {"civicdesk.billing.run.poll-every=PT1H",
        "civicdesk.billing.run.poll-first-after=PT1H"})
class BillRunGapsTests {

    @Autowired
    BillRuns runs;
    @Autowired
    BillRunWorker worker;
    @Autowired
    BillMaker maker;
    @Autowired
    FakeBillingReads reads;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MockMvc mvc;

    private BillMaker.Result make(BillingCity.TestAccount a, LocalDate cutoff, LocalDate billDate, boolean issue) {
        return tx.execute(s -> maker.make(new BillMaker.Target(null, null, a.id(), a.id(), cutoff, billDate,
                billDate.plusDays(21), issue)));
    }

    @Test
    void theProgressOfAnEndedRunReloadsTheWholePageSoItsExceptionsShow() throws Exception {
        BillingCity city = new BillingCity(dataSource);
        city.agreement(city.account(10, "en"), "SOLID_WASTE", "R1.2", LocalDate.of(2026, 1, 1));
        BillRunView started = runs.start(new BillRuns.StartRun(10, "TRIAL", LocalDate.of(2026, 10, 2),
                LocalDate.of(2026, 10, 3)), false);
        mvc.perform(get("/bill-runs/{id}/progress", started.id()).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(header().doesNotExist("HX-Refresh"))
                .andExpect(content().string(containsString("hx-get")));
        worker.drain();
        assertThat(runs.run(started.id()).status()).isEqualTo("COMPLETED");
        mvc.perform(get("/bill-runs/{id}/progress", started.id()).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(header().string("HX-Refresh", "true"));
    }

    @Test
    void theAccountScreenListsPostedBillingAdjustments() throws Exception {
        BillingCity city = new BillingCity(dataSource);
        BillingCity.TestAccount made = city.account(10, "en");
        // the account screen checks the number's check digit, which BillingCity's numbers do not carry
        String number = org.civicdesk.customer.AccountNumber.fromSequence(jdbc.sql("select nextval('account_number_seq')")
                .query(Long.class).single()).value();
        jdbc.sql("update account set account_number = ? where id = ?").params(number, made.id()).update();
        BillingCity.TestAccount a = new BillingCity.TestAccount(made.id(), number, made.premiseId());
        city.agreement(a, "WATER", "W1.1", LocalDate.of(2026, 1, 1));
        String note = "Courtesy for a late read " + UUID.randomUUID();
        mvc.perform(post("/api/v1/adjustments").with(httpBasic("supervisor", "civicdesk-demo"))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accountNumber\": \"" + a.number() + "\", \"serviceType\": \"WATER\", \"amount\": -12.50,"
                                + " \"reasonCode\": \"COURTESY_CREDIT\", \"note\": \"" + note + "\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/accounts/" + a.number()).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Billing adjustments")))
                .andExpect(content().string(containsString("-$12.50")))
                .andExpect(content().string(containsString(note)));
    }

    @Test
    void aTrialOpensNoReceivableAndPostsNothing() {
        BillingCity city = new BillingCity(dataSource);
        BillingCity.TestAccount a = city.account(10, "en");
        long water = city.agreement(a, "WATER", "W1.1", LocalDate.of(2026, 1, 1));
        city.agreement(a, "SOLID_WASTE", "R1.2", LocalDate.of(2026, 9, 3));
        reads.read(water, LocalDate.of(2026, 9, 2), 100);
        reads.read(water, LocalDate.of(2026, 10, 2), 110);
        long entriesBefore = jdbc.sql("select count(*) from ledger_journal_entry").query(Long.class).single();

        BillMaker.Result trial = make(a, LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3), false);

        assertThat(trial.bills()).isEqualTo(1);
        assertThat(trial.billed().isPositive()).isTrue();
        assertThat(jdbc.sql("select count(*) from ledger_receivable where reference = ?").param(a.number())
                .query(Long.class).single()).as("receivables opened by a trial").isZero();
        assertThat(jdbc.sql("select count(*) from ledger_journal_entry").query(Long.class).single())
                .isEqualTo(entriesBefore);
        assertThat(jdbc.sql("select count(*) from bill where account_id = ?").param(a.id()).query(Long.class).single())
                .isZero();

        // the issue that follows opens them and posts the same total
        BillMaker.Result issued = make(a, LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3), true);
        assertThat(issued.billed()).isEqualTo(trial.billed());
        assertThat(jdbc.sql("select count(*) from ledger_receivable where reference = ?").param(a.number())
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aBillIsDueOnTheAccountsDueDayAtLeastTheDueDaysAfterTheBillDate() {
        BillingCity city = new BillingCity(dataSource);
        BillingCity.TestAccount later = city.account(10, "en");
        BillingCity.TestAccount nextMonth = city.account(10, "en");
        BillingCity.TestAccount none = city.account(10, "en");
        jdbc.sql("update account set bill_due_day = 28 where id = ?").param(later.id()).update();
        jdbc.sql("update account set bill_due_day = 5 where id = ?").param(nextMonth.id()).update();
        for (BillingCity.TestAccount a : new BillingCity.TestAccount[] {later, nextMonth, none}) {
            city.agreement(a, "SOLID_WASTE", "R1.2", LocalDate.of(2026, 9, 3));
            // bill date 2026-10-03: 21 days later is 2026-10-24
            make(a, LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3), true);
        }
        assertThat(due(later)).isEqualTo("2026-10-28");
        assertThat(due(nextMonth)).isEqualTo("2026-11-05");
        assertThat(due(none)).isEqualTo("2026-10-24");
        // the receivable falls due on the bill's due date too
        assertThat(jdbc.sql("""
                select distinct l.due_date::text from ledger_journal_line l join bill b on b.ledger_entry_id = l.entry_id
                where b.account_id = ? and l.receivable_id is not null""").param(nextMonth.id()).query(String.class).list())
                .containsExactly("2026-11-05");
    }

    @Test
    void dueDatesKeepAtLeastTheDueDays() {
        LocalDate earliest = LocalDate.of(2026, 12, 17);
        assertThat(DueDates.due(earliest, null)).isEqualTo(earliest);
        assertThat(DueDates.due(earliest, 17)).isEqualTo(earliest);
        assertThat(DueDates.due(earliest, 18)).isEqualTo(LocalDate.of(2026, 12, 18));
        assertThat(DueDates.due(earliest, 16)).isEqualTo(LocalDate.of(2027, 1, 16));
        assertThat(DueDates.due(LocalDate.of(2027, 1, 30), 28)).isEqualTo(LocalDate.of(2027, 2, 28));
    }

    private String due(BillingCity.TestAccount a) {
        return jdbc.sql("select due_date::text from bill where account_id = ?").param(a.id()).query(String.class).single();
    }

    @Test
    void theFirstBillOfAnUnmeteredServiceStartsOnItsStartDateProrated() {
        BillingCity city = new BillingCity(dataSource);
        BillingCity.TestAccount a = city.account(10, "en");
        city.agreement(a, "SOLID_WASTE", "R1.2", LocalDate.of(2026, 8, 20));
        BillingCity.TestAccount converted = city.account(10, "en");
        long old = city.agreement(converted, "SOLID_WASTE", "R1.2", LocalDate.of(2019, 3, 1));
        jdbc.sql("update service_agreement set converted = true where id = ?").param(old).update();

        make(a, LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 1), true);
        make(converted, LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 1), true);

        // 2026-08-20 to 2026-10-31: 73 days, so $27.80 x 73/30 = $67.6466... (tariffs.md rule 4)
        Map<String, Object> first = jdbc.sql("""
                select s.period_from::text as period_from, s.days, s.charges from bill_service s join bill b on b.id = s.bill_id
                where b.account_id = ?""").param(a.id()).query().singleRow();
        assertThat(first.get("period_from")).isEqualTo("2026-08-20");
        assertThat(first.get("days")).isEqualTo(73);
        assertThat((BigDecimal) first.get("charges")).isEqualByComparingTo("67.65");
        // an agreement billed by the earlier system until the conversion: a month at most
        Map<String, Object> conv = jdbc.sql("""
                select s.period_from::text as period_from, s.charges from bill_service s join bill b on b.id = s.bill_id
                where b.account_id = ?""").param(converted.id()).query().singleRow();
        assertThat(conv.get("period_from")).isEqualTo("2026-10-01");
        assertThat((BigDecimal) conv.get("charges")).isEqualByComparingTo("27.80");
    }
}

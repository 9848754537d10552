package org.civicdesk.billrun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.civicdesk.billing.BillCorrections;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@CivicDeskTest
@Import(BillingTestConfiguration.class)
@org.springframework.test.context.TestPropertySource(properties = {"civicdesk.billing.run.poll-every=PT1H",
        "civicdesk.billing.run.poll-first-after=PT1H"})
class BillRunTests {

    @Autowired
    BillRuns runs;
    @Autowired
    BillRunWorker worker;
    @Autowired
    FakeBillingReads reads;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Ledger ledger;
    @Autowired
    BillCorrections corrections;
    @Autowired
    MockMvc mvc;

    BillRunView runToEnd(int cycle, String mode, LocalDate cutoff, LocalDate billDate) {
        BillRunView started = runs.start(new BillRuns.StartRun(cycle, mode, cutoff, billDate), false);
        worker.drain();
        BillRunView run = runs.run(started.id());
        assertThat(run.status()).as(run.statusDetail()).isEqualTo("COMPLETED");
        return run;
    }

    /** Runs started together are billed side by side through the account ids, the lowest first account first. */
    @Test
    void runsRunningTogetherAreBilledSideBySideThroughTheAccountIds() {
        BillingCity city = new BillingCity(dataSource);
        // accounts of two cycles alternate in id order, as the premises of a city's cycles do
        for (int i = 0; i < 6; i++) {
            for (int cycle : new int[] {4, 5}) {
                BillingCity.TestAccount a = city.account(cycle, "en");
                city.agreement(a, "WATER", "W1.1", LocalDate.of(2026, 1, 1));
            }
        }
        LocalDate cutoff = LocalDate.of(2026, 9, 30);
        BillRunView first = runs.start(new BillRuns.StartRun(4, "TRIAL", cutoff, cutoff.plusDays(1)), false, 2);
        BillRunView second = runs.start(new BillRuns.StartRun(5, "TRIAL", cutoff, cutoff.plusDays(1)), false, 2);
        List<Long> ours = List.of(first.id(), second.id());
        List<long[]> claimed = new java.util.ArrayList<>();
        while (worker.runOneChunk()) {
            jdbc.sql("""
                    select run_id, first_account_id from bill_run_chunk
                    where run_id in (?, ?) and status = 'DONE' order by finished_at, run_id, chunk_no""")
                    .params(ours.get(0), ours.get(1))
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list().stream()
                    .filter(c -> claimed.stream().noneMatch(d -> d[0] == c[0] && d[1] == c[1]))
                    .forEach(claimed::add);
        }
        assertThat(claimed).hasSizeGreaterThanOrEqualTo(6);
        assertThat(claimed.stream().map(c -> c[1]).toList()).isSorted();
        // neither run waits for the other to finish: their chunks interleave
        long switches = java.util.stream.IntStream.range(1, claimed.size())
                .filter(i -> claimed.get(i)[0] != claimed.get(i - 1)[0]).count();
        assertThat(switches).isGreaterThanOrEqualTo(3);
        worker.drain();
        assertThat(runs.run(first.id()).status()).isEqualTo("COMPLETED");
        assertThat(runs.run(second.id()).status()).isEqualTo("COMPLETED");
    }

    @Test
    void theWorkedExampleIsIssuedAndPostedToTheCent() {
        BillingCity city = new BillingCity(dataSource);
        BillingCity.TestAccount a = city.account(17, "en");
        long water = city.agreement(a, "WATER", "W1.1", LocalDate.of(2026, 1, 1));
        long wastewater = city.agreement(a, "WASTEWATER", "S1.1", LocalDate.of(2026, 1, 1));
        city.wqa(water, LocalDate.of(2025, 4, 1), "6.50");
        reads.read(water, LocalDate.of(2026, 2, 8), 100);
        reads.read(water, LocalDate.of(2026, 3, 10), 112);

        BillRunView run = runToEnd(17, "ISSUE", LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11));

        Map<String, Object> bill = jdbc.sql("select * from bill where bill_run_id = ? and account_id = ?")
                .params(run.id(), a.id()).query().singleRow();
        assertThat((BigDecimal) bill.get("new_charges")).isEqualByComparingTo("109.33");
        assertThat((BigDecimal) bill.get("tax")).isEqualByComparingTo("5.55");
        assertThat(((BigDecimal) bill.get("new_charges")).add((BigDecimal) bill.get("tax"))).isEqualByComparingTo("114.88");
        assertThat(bill.get("due_date").toString()).isEqualTo("2026-04-01");
        List<Map<String, Object>> services = jdbc.sql("select * from bill_service where bill_id = ? order by id")
                .param(bill.get("id")).query().listOfRows();
        assertThat(services).extracting(s -> s.get("service_type")).containsExactly("WATER", "WASTEWATER");
        assertThat((BigDecimal) services.get(0).get("total")).isEqualByComparingTo("72.40");
        assertThat((BigDecimal) services.get(1).get("total")).isEqualByComparingTo("42.48");
        assertThat((Integer) services.get(0).get("days")).isEqualTo(30);
        assertThat(jdbc.sql("select count(*) from bill_line where bill_id = ? and kind = 'TAX'").param(bill.get("id"))
                .query(Long.class).single()).isEqualTo(3);

        // the ledger: the chunk's entry, with the bill's receivable lines per fund due on the due date and naming
        // the bill, and the chunk's bills' tax payable; the bill keeps its own key
        assertThat(bill.get("idempotency_key")).isEqualTo("bill:run" + run.id() + ":account" + a.id());
        Long entryId = (Long) bill.get("ledger_entry_id");
        var entry = ledger.entry(entryId);
        assertThat(entry.idempotencyKey()).startsWith("bill:run" + run.id() + ":accounts");
        assertThat(entry.lines()).filteredOn(l -> ("Bill " + bill.get("id")).equals(l.memo()))
                .extracting(l -> l.account().fund() + " " + l.account().code() + " " + l.side() + " " + l.amount() + " "
                        + l.dueDate() + " " + (l.receivableId() != null))
                .containsExactlyInAnyOrder("WATER 1200 DEBIT 72.40 2026-04-01 true",
                        "WASTEWATER 1200 DEBIT 42.48 2026-04-01 true");
        BigDecimal chunkTax = jdbc.sql("select sum(tax) from bill where ledger_entry_id = ?").param(entryId)
                .query(BigDecimal.class).single();
        assertThat(entry.lines().stream().filter(l -> l.account().code().equals("2300"))
                .map(l -> l.side() == org.civicdesk.ledger.Side.CREDIT ? l.amount() : l.amount().negate())
                .reduce(Money.ZERO, Money::plus).amount()).isEqualByComparingTo(chunkTax);
        assertThat((BigDecimal) bill.get("total_due")).isEqualByComparingTo("114.88");

        // the database holds a line to a service of its own bill, and a service to an existing bill
        Object otherService = jdbc.sql("select min(id) from bill_service where bill_id <> ?").param(bill.get("id"))
                .query().singleValue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                insert into bill_line (bill_id, bill_service_id, line_no, kind, part, description, amount, taxable, account)
                values (?, ?, 99, 'CHARGE', 'x', 'x', 1.00, false, '4010')""")
                .params(bill.get("id"), otherService).update())
                .hasMessageContaining("not a service of that bill");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                insert into bill_service (bill_id, agreement_id, service_type, rate_schedule, fund, period_from, period_to,
                  days, charges, tax, total)
                values (-1, ?, 'WATER', 'W1.1', 'WATER', '2026-01-01', '2026-01-31', 31, 1, 0, 1)""")
                .param(water).update())
                .hasMessageContaining("does not exist");
        // a service names an agreement that exists; a bill an account and a run that exist
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                insert into bill_service (bill_id, agreement_id, service_type, rate_schedule, fund, period_from, period_to,
                  days, charges, tax, total)
                values (?, -7, 'WATER', 'W1.1', 'WATER', '2026-01-01', '2026-01-31', 31, 1, 0, 1)""")
                .param(bill.get("id")).update())
                .hasMessageContaining("names agreement -7, which does not exist");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                        "insert into bill overriding system value select (jsonb_populate_record(b, jsonb_build_object('id', -5, 'account_id', -9, 'idempotency_key', 'test:no-such-account'))).* from bill b where b.id = ?")
                .param(bill.get("id")).update())
                .hasMessageContaining("names account -9, which does not exist");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                        "insert into bill overriding system value select (jsonb_populate_record(b, jsonb_build_object('id', -6, 'bill_run_id', -3, 'idempotency_key', 'test:no-such-run'))).* from bill b where b.id = ?")
                .param(bill.get("id")).update())
                .hasMessageContaining("names bill run -3, which does not exist");
        // and what bills name is kept
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("delete from service_agreement where id = ?")
                .param(water).update())
                .hasMessageContaining("named by bills");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("delete from account where id = ?")
                .param(a.id()).update())
                .hasMessageContaining("named by bills");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("delete from bill_run where id = ?")
                .param(run.id()).update())
                .hasMessageContaining("named by bills");
    }

    @Test
    void aTrialPostsNothingThenTheIssueRunBillsEveryAccountOnce() {
        BillingCity city = new BillingCity(dataSource);
        List<BillingCity.TestAccount> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BillingCity.TestAccount a = city.account(16, i % 2 == 0 ? "en" : "es");
            long e = city.agreement(a, "ELECTRIC", "E1.1", LocalDate.of(2025, 6, 1));
            city.agreement(a, "SOLID_WASTE", "R1.2", LocalDate.of(2026, 9, 3));
            reads.read(e, LocalDate.of(2026, 9, 2), 1000);
            reads.read(e, LocalDate.of(2026, 10, 2), 1000 + 300L * (i + 1));
            mine.add(a);
        }
        // one account without a read is held with a MISSING_READ exception
        BillingCity.TestAccount noRead = city.account(16, "en");
        long e = city.agreement(noRead, "ELECTRIC", "E1.1", LocalDate.of(2025, 6, 1));
        reads.read(e, LocalDate.of(2026, 9, 2), 500);

        BillRunView trial = runToEnd(16, "TRIAL", LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3));
        assertThat(jdbc.sql("select count(*) from bill where bill_run_id = ?").param(trial.id()).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from ledger_journal_entry where idempotency_key like ?")
                .param("bill:run" + trial.id() + ":%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from bill_run_trial_bill where run_id = ? and account_id = any(?::bigint[])")
                .params(trial.id(), ids(mine)).query(Long.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("select kind from bill_run_exception where run_id = ? and account_id = ?")
                .params(trial.id(), noRead.id()).query(String.class).list()).containsExactly("MISSING_READ");
        assertThat(trial.accountsDone()).isEqualTo(trial.accountsTotal());
        // nor does it open receivables: the accounts (made without start of service) have none until the issue
        assertThat(jdbc.sql("select count(*) from ledger_receivable where reference = any(?::text[])")
                .param(mine.stream().map(BillingCity.TestAccount::number).toArray(String[]::new))
                .query(Long.class).single()).isZero();

        BillRunView issue = runToEnd(16, "ISSUE", LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3));
        assertThat(jdbc.sql("select count(*) from bill where bill_run_id = ? and account_id = any(?::bigint[])")
                .params(issue.id(), ids(mine)).query(Long.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from bill where bill_run_id = ? and account_id = ?")
                .params(issue.id(), noRead.id()).query(Long.class).single()).isZero();
        // same figures as the trial
        assertThat(jdbc.sql("""
                select count(*) from bill b join bill_run_trial_bill t on t.account_id = b.account_id and t.run_id = ?
                where b.bill_run_id = ? and b.account_id = any(?::bigint[]) and t.total_due = b.total_due
                  and t.new_charges = b.new_charges""")
                .params(trial.id(), issue.id(), ids(mine)).query(Long.class).single()).isEqualTo(5);
        assertRunIsExact(issue.id());
        // the language is the account's
        assertThat(jdbc.sql("select language from bill where bill_run_id = ? and account_id = ?")
                .params(issue.id(), mine.get(1).id()).query(String.class).single()).isEqualTo("es");

        // a second issuing run for the same reads finds nothing new for these accounts
        BillRunView again = runToEnd(16, "ISSUE", LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3));
        assertThat(jdbc.sql("select count(*) from bill where bill_run_id = ? and account_id = any(?::bigint[])")
                .params(again.id(), ids(mine)).query(Long.class).single()).isZero();
    }

    /** Every bill of the run posted once, its receivable debits equal to its new charges and tax. */
    void assertRunIsExact(long runId) {
        long entries = jdbc.sql("select count(*) from ledger_journal_entry where idempotency_key like ?")
                .param("bill:run" + runId + ":%").query(Long.class).single();
        long named = jdbc.sql("select count(distinct ledger_entry_id) from bill where bill_run_id = ?")
                .param(runId).query(Long.class).single();
        long chunks = jdbc.sql("select count(*) from bill_run_chunk where run_id = ?").param(runId).query(Long.class)
                .single();
        // one entry per chunk with bills that move money, each named by its bills
        assertThat(entries).isEqualTo(named).isLessThanOrEqualTo(chunks);
        // each bill's receivable lines (they name the bill) are its new charges and tax
        assertThat(jdbc.sql("""
                select count(*) from bill b
                where b.bill_run_id = ?
                  and b.new_charges + b.tax <> coalesce((select sum(l.debit - l.credit) from ledger_journal_line l
                                                where l.entry_id = b.ledger_entry_id and l.is_receivables_control
                                                  and l.memo = 'Bill ' || b.id), 0)""")
                .param(runId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from (select account_id from bill where bill_run_id = ? group by account_id having count(*) > 1) d")
                .param(runId).query(Long.class).single()).isZero();
        BigDecimal billed = jdbc.sql("select coalesce(sum(new_charges + tax), 0) from bill where bill_run_id = ?")
                .param(runId).query(BigDecimal.class).single();
        BigDecimal receivables = jdbc.sql("""
                select coalesce(sum(l.debit - l.credit), 0) from ledger_journal_line l
                where l.entry_id in (select b.ledger_entry_id from bill b where b.bill_run_id = ?)
                  and l.is_receivables_control""")
                .param(runId).query(BigDecimal.class).single();
        assertThat(receivables).isEqualByComparingTo(billed);
        // every account of the run's chunks was looked at: billed, held or had nothing new
        long done = jdbc.sql("select count(*) from bill_run_chunk where run_id = ? and status <> 'DONE'")
                .param(runId).query(Long.class).single();
        assertThat(done).isZero();
    }

    private static String[] ids(List<BillingCity.TestAccount> accounts) {
        return accounts.stream().map(a -> Long.toString(a.id())).toArray(String[]::new);
    }

    @Test
    void aCycleAlreadyRunningAndBadDatesAreRefused() throws Exception {
        BillingCity city = new BillingCity(dataSource);
        city.agreement(city.account(15, "en"), "SOLID_WASTE", "R1.2", LocalDate.of(2026, 1, 1));
        BillRunView running = runs.start(new BillRuns.StartRun(15, "TRIAL", LocalDate.of(2026, 10, 2),
                LocalDate.of(2026, 10, 3)), false);
        assertThat(running.status()).as(running.toString()).isEqualTo("RUNNING");
        mvc.perform(post("/api/v1/bill-runs").with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"cycle\": 15, \"mode\": \"ISSUE\", \"cutoffDate\": \"2026-10-02\", \"billDate\": \"2026-10-03\"}"))
                .andExpect(status().isConflict());
        assertThat(runs.run(running.id()).status()).as(() -> runs.run(running.id()).toString()).isEqualTo("RUNNING");
        assertThatThrownBy(() -> runs.start(new BillRuns.StartRun(15, "ISSUE", LocalDate.of(2026, 10, 2),
                LocalDate.of(2026, 10, 3)), false)).isInstanceOf(Conflict.class).hasMessageContaining("already has a bill run");

        mvc.perform(post("/api/v1/bill-runs").with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"cycle\": 14, \"mode\": \"ISSUE\", \"cutoffDate\": \"2099-10-02\", \"billDate\": \"2099-10-03\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("cutoffDate")));
        assertThatThrownBy(() -> runs.start(new BillRuns.StartRun(14, "ISSUE", LocalDate.of(2026, 10, 2),
                LocalDate.of(2026, 10, 1)), false)).isInstanceOf(BusinessRuleViolation.class)
                .satisfies(e -> assertThat(((BusinessRuleViolation) e).problems().get(0).field()).isEqualTo("billDate"));
        assertThatThrownBy(() -> runs.start(new BillRuns.StartRun(21, "ISSUE", LocalDate.of(2026, 10, 2),
                LocalDate.of(2026, 10, 3)), false)).isInstanceOf(BusinessRuleViolation.class);
        // a csr may not start runs
        mvc.perform(post("/api/v1/bill-runs").with(httpBasic("csr", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"cycle\": 15, \"mode\": \"TRIAL\", \"cutoffDate\": \"2026-10-02\", \"billDate\": \"2026-10-03\"}"))
                .andExpect(status().isForbidden());

        // the page shows it with its progress; cancel skips what is left
        mvc.perform(get("/bill-runs/" + running.id()).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("hx-trigger=\"every 1s\"")));
        mvc.perform(post("/api/v1/bill-runs/" + running.id() + "/cancel").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        assertThat(jdbc.sql("select count(*) from bill_run_chunk where run_id = ? and status = 'PENDING'")
                .param(running.id()).query(Long.class).single()).isZero();
        assertThatThrownBy(() -> runs.cancel(running.id())).isInstanceOf(Conflict.class);
        mvc.perform(get("/bill-runs").with(httpBasic("supervisor", "civicdesk-demo"))).andExpect(status().isOk());
        mvc.perform(get("/bill-runs/" + running.id() + "/progress").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk());
    }

    @Test
    void aBillIsCancelledOnceAndRebilledWithTheSameUsage() {
        BillingCity city = new BillingCity(dataSource);
        BillingCity.TestAccount a = city.account(12, "en");
        long gas = city.agreement(a, "GAS", "G1.1", LocalDate.of(2025, 1, 1));
        reads.read(gas, LocalDate.of(2026, 8, 4), 2000);
        reads.read(gas, LocalDate.of(2026, 9, 3), 2040);
        long billId = new JdbcBillCorrectionsAccess(corrections).billNow(a.id(), LocalDate.of(2026, 9, 3));
        Map<String, Object> bill = jdbc.sql("select * from bill where id = ?").param(billId).query().singleRow();
        Money due = Money.of((BigDecimal) bill.get("new_charges")).plus(Money.of((BigDecimal) bill.get("tax")));
        long receivable = ledger.findReceivable("utility-account", "GAS", a.number()).orElseThrow().id();
        assertThat(ledger.receivableBalance(receivable, null).balance()).isEqualTo(due);

        long rebill = corrections.cancelAndRebill(billId, "Meter read keyed wrong");
        assertThatThrownBy(() -> corrections.cancel(billId, "again")).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> corrections.cancel(Long.MAX_VALUE, "none")).isInstanceOf(RecordNotFound.class);
        Map<String, Object> replacement = jdbc.sql("select * from bill where id = ?").param(rebill).query().singleRow();
        assertThat(replacement.get("rebill_of_bill_id")).isEqualTo(billId);
        assertThat((BigDecimal) replacement.get("new_charges")).isEqualByComparingTo((BigDecimal) bill.get("new_charges"));
        assertThat(jdbc.sql("select consumption from bill_service where bill_id = ?").param(rebill)
                .query(BigDecimal.class).single()).isEqualByComparingTo("40");
        // reversed once, charged once: the balance is one bill's worth
        assertThat(ledger.receivableBalance(receivable, null).balance()).isEqualTo(due);
        assertThat(jdbc.sql("select reversal_entry_id is not null from bill_cancellation where bill_id = ?").param(billId)
                .query(Boolean.class).single()).isTrue();
    }

    /**
     * A run's bills share their chunk's entry; cancelling one turns over its own amounts and nothing of the other,
     * and the ledger's own reversal refuses the chunk's entry (it would undo bills that still show as issued).
     */
    @Test
    void aRunsBillIsCancelledAloneThoughItSharesItsChunksEntry() throws Exception {
        BillingCity city = new BillingCity(dataSource);
        // cycle 20: no other test bills it (18 is the browser walk's)
        BillingCity.TestAccount kept = city.account(20, "en");
        BillingCity.TestAccount cancelled = city.account(20, "es");
        for (BillingCity.TestAccount a : List.of(kept, cancelled)) {
            city.agreement(a, "SOLID_WASTE", "R1.2", LocalDate.of(2026, 8, 4));
        }
        BillRunView run = runToEnd(20, "ISSUE", LocalDate.of(2026, 9, 3), LocalDate.of(2026, 9, 4));
        Map<String, Object> keptBill = jdbc.sql("select * from bill where bill_run_id = ? and account_id = ?")
                .params(run.id(), kept.id()).query().singleRow();
        Map<String, Object> cancelledBill = jdbc.sql("select * from bill where bill_run_id = ? and account_id = ?")
                .params(run.id(), cancelled.id()).query().singleRow();
        long entryId = (Long) keptBill.get("ledger_entry_id");
        assertThat(cancelledBill.get("ledger_entry_id")).isEqualTo(entryId);
        String fund = jdbc.sql("select fund from bill_service where bill_id = ?").param(cancelledBill.get("id"))
                .query(String.class).single();
        long keptReceivable = ledger.findReceivable("utility-account", fund, kept.number()).orElseThrow().id();
        long cancelledReceivable = ledger.findReceivable("utility-account", fund, cancelled.number()).orElseThrow().id();
        Money keptDue = Money.of((BigDecimal) keptBill.get("new_charges")).plus(Money.of((BigDecimal) keptBill.get("tax")));
        Money cancelledDue = Money.of((BigDecimal) cancelledBill.get("new_charges"))
                .plus(Money.of((BigDecimal) cancelledBill.get("tax")));
        assertThat(cancelledDue.isPositive()).isTrue();

        mvc.perform(post("/api/v1/ledger/journal-entries/" + entryId + "/reversal")
                        .with(httpBasic("headcashier", "civicdesk-demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"undo the run\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("cancel the bill on its page")));
        assertThat(ledger.entry(entryId).reversedByEntryId()).isNull();
        // and its page says where bills are corrected instead of offering the reversal
        mvc.perform(get("/ledger/entries/" + entryId).with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("corrected from the bill's page")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Reverse entry"))));

        long billId = (Long) cancelledBill.get("id");
        corrections.cancel(billId, "Service never started");

        assertThat(ledger.receivableBalance(cancelledReceivable, null).balance()).isEqualTo(Money.ZERO);
        assertThat(ledger.receivableBalance(keptReceivable, null).balance()).isEqualTo(keptDue);
        Long reversalId = jdbc.sql("select reversal_entry_id from bill_cancellation where bill_id = ?").param(billId)
                .query(Long.class).single();
        var reversal = ledger.entry(reversalId);
        assertThat(reversal.memo()).contains("Bill " + billId + " cancelled: Service never started");
        assertThat(reversal.lines()).filteredOn(l -> l.receivableId() != null)
                .extracting(l -> l.receivableId() + " " + l.side() + " " + l.amount())
                .containsExactly(cancelledReceivable + " CREDIT " + cancelledDue);
        // the fund's revenue and tax lose exactly the bill; the chunk's entry stays as it was
        assertThat(reversal.lines().stream().filter(l -> l.receivableId() == null)
                .map(l -> l.side() == org.civicdesk.ledger.Side.DEBIT ? l.amount() : l.amount().negate())
                .reduce(Money.ZERO, Money::plus)).isEqualTo(cancelledDue);
        assertThat(reversal.lines()).allMatch(l -> l.account().fund().equals(fund));
        assertThat(ledger.entry(entryId).reversedByEntryId()).isNull();
        assertThatThrownBy(() -> corrections.cancel(billId, "again")).isInstanceOf(Conflict.class);
    }

    @Autowired
    WinterQuarterAverageJob wqaJob;

    @Test
    void theWinterQuarterAverageComesFromIssuedWinterWaterBillsOncePerYear() {
        BillingCity city = new BillingCity(dataSource);
        BillingCity.TestAccount a = city.account(9, "en");
        long water = city.agreement(a, "WATER", "W1.1", LocalDate.of(2025, 6, 1));
        reads.read(water, LocalDate.of(2026, 1, 5), 0);
        reads.read(water, LocalDate.of(2026, 2, 4), 9);
        reads.read(water, LocalDate.of(2026, 3, 6), 21);
        JdbcBillCorrectionsAccess access = new JdbcBillCorrectionsAccess(corrections);
        access.billNow(a.id(), LocalDate.of(2026, 2, 4));
        access.billNow(a.id(), LocalDate.of(2026, 3, 6));

        assertThat(wqaJob.recompute(LocalDate.of(2026, 3, 31))).isZero();
        assertThat(wqaJob.recompute(LocalDate.of(2026, 4, 1))).isPositive();
        assertThat(jdbc.sql("select wqa from billing_wqa where agreement_id = ? and effective_from = date '2026-04-01'")
                .param(water).query(BigDecimal.class).single()).isEqualByComparingTo("9.00");
        // once per year
        assertThat(wqaJob.recompute(LocalDate.of(2026, 4, 2))).isZero();
    }

    /** Reaches the public bill-now service through the bean. */
    record JdbcBillCorrectionsAccess(BillCorrections corrections) {
        long billNow(long accountId, LocalDate cutoff) {
            return ((JdbcBillCorrections) corrections).billNow(accountId, cutoff);
        }
    }
}

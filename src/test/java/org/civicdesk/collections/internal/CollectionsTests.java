package org.civicdesk.collections.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.collections.CollectionsStanding;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Collections against the database with a fake clock (dates in 2031, away from the demo's and other tests'
 * periods): late fees once per bill and caught up, arrangements made, refused and broken, extensions, deposits
 * held as a liability, protections and the disconnect answer, and the account screen section.
 */
@CivicDeskTest
class CollectionsTests {

    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired SettableClock clock;
    @Autowired LateFees lateFees;
    @Autowired Arrangements arrangements;
    @Autowired Extensions extensions;
    @Autowired Deposits deposits;
    @Autowired Protections protections;
    @Autowired CollectionsStanding standing;
    @Autowired MockMvc mvc;
    @Autowired RulesBook rules;

    private final Instant realNow = Instant.now();

    @AfterEach
    void restoreClock() {
        clock.set(realNow);
    }

    private void today(LocalDate day) {
        clock.set(day.atTime(9, 0).atZone(ZoneId.of("America/Phoenix")).toInstant());
    }

    /** Charges the account's receivable in the fund (a bill's posting), falling due on the date. */
    private void charge(TestBills.TestAccount a, String fund, String amount, LocalDate businessDate, LocalDate due) {
        Receivable r = ledger.openReceivable("utility-account", fund, a.accountNumber(), a.customerName());
        ledger.post(new JournalEntryRequest("test-charge:" + a.accountNumber() + ":" + System.nanoTime(), businessDate, "billing",
                "Test charge", List.of(JournalLineRequest.debit(fund, "1200", Money.of(amount)).receivable(r.id()).due(due),
                        JournalLineRequest.credit(fund, "4010", Money.of(amount)))));
    }

    private void pay(TestBills.TestAccount a, String fund, String amount, LocalDate businessDate) {
        Receivable r = ledger.openReceivable("utility-account", fund, a.accountNumber(), a.customerName());
        ledger.post(new JournalEntryRequest("test-payment:" + a.accountNumber() + ":" + System.nanoTime(), businessDate, "cashiering",
                "Test payment", List.of(JournalLineRequest.debit(fund, "1010", Money.of(amount)),
                        JournalLineRequest.credit(fund, "1200", Money.of(amount)).receivable(r.id()))));
    }

    /** A bill read on the date (billed the next day, due 21 days later) and its charge in the ledger. */
    private long billWithCharge(TestBills.TestAccount a, LocalDate read) {
        long billId = TestBills.bill(jdbc, a, new TestBills.Period(read.minusMonths(1), read, 30, new BigDecimal("6.50"), false),
                "en", Money.ZERO, Money.ZERO, null);
        Map<String, Object> b = jdbc.sql("select bill_date, due_date, total_due from bill where id = ?").param(billId).query().singleRow();
        charge(a, "WATER", ((BigDecimal) b.get("total_due")).toPlainString(), ((java.sql.Date) b.get("bill_date")).toLocalDate(),
                ((java.sql.Date) b.get("due_date")).toLocalDate());
        return billId;
    }

    private BigDecimal billTotal(long billId) {
        return jdbc.sql("select total_due from bill where id = ?").param(billId).query(BigDecimal.class).single();
    }

    private long entries(String key) {
        return jdbc.sql("select count(*) from ledger_journal_entry where idempotency_key = ?").param(key).query(Long.class).single();
    }

    @Test
    void aLateFeeIsChargedOncePerBillFiveDaysAfterTheDueDateAndAMissedDayIsCaughtUp() {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        long billId = billWithCharge(a, LocalDate.of(2031, 3, 9)); // billed 03-10, due 03-31
        BigDecimal total = billTotal(billId);
        assertThat(total).isGreaterThan(new BigDecimal("5.00"));

        today(LocalDate.of(2031, 4, 4));
        assertThat(lateFees.run(LocalDate.of(2031, 4, 4), List.of(a.accountNumber())).assessed()).isZero();

        // the job did not run on 04-05; the run of 04-09 catches up, deciding on the past due of 04-05
        today(LocalDate.of(2031, 4, 9));
        pay(a, "WATER", "1.00", LocalDate.of(2031, 4, 7)); // after the assessment day: does not count
        LateFees.Outcome first = lateFees.run(LocalDate.of(2031, 4, 9), List.of(a.accountNumber()));
        assertThat(first.charged()).isEqualTo(1);
        Money expected = Money.round(total.multiply(new BigDecimal("0.015"))).compareTo(Money.of("1.00")) < 0
                ? Money.of("1.00") : Money.round(total.multiply(new BigDecimal("0.015")));
        assertThat(first.total()).isEqualTo(expected);
        Map<String, Object> row = jdbc.sql("select * from collections_late_fee where bill_id = ?").param(billId).query().singleRow();
        assertThat(row.get("assessed_on").toString()).isEqualTo("2031-04-05");
        assertThat((BigDecimal) row.get("past_due")).isEqualByComparingTo(total);

        // run twice: the same result, one entry, the row refuses to change
        assertThat(lateFees.run(LocalDate.of(2031, 4, 9), List.of(a.accountNumber())).assessed()).isZero();
        assertThat(lateFees.run(LocalDate.of(2031, 4, 10), List.of(a.accountNumber())).assessed()).isZero();
        assertThat(entries("late-fee:bill:" + billId)).isEqualTo(1);
        Map<String, Object> sides = jdbc.sql("""
                select sum(l.debit) d, sum(l.credit) c, max(case when l.credit > 0 then a.code end) revenue
                  from ledger_journal_entry e join ledger_journal_line l on l.entry_id = e.id join ledger_account a on a.id = l.account_id
                 where e.idempotency_key = ?""").param("late-fee:bill:" + billId).query().singleRow();
        assertThat((BigDecimal) sides.get("d")).isEqualByComparingTo(expected.amount());
        assertThat((BigDecimal) sides.get("c")).isEqualByComparingTo(expected.amount());
        assertThat(sides.get("revenue")).isEqualTo("4900");
        assertThatThrownBy(() -> jdbc.sql("update collections_late_fee set fee = 0 where bill_id = ?").param(billId).update())
                .hasMessageContaining("never changed");
    }

    @Test
    void aBillPaidInTimeGetsNoLateFeeAndAnExtendedBillIsAssessedOnItsNewDate() {
        TestBills.TestAccount paid = TestBills.account(jdbc, "en");
        long paidBill = billWithCharge(paid, LocalDate.of(2031, 3, 9));
        pay(paid, "WATER", billTotal(paidBill).toPlainString(), LocalDate.of(2031, 3, 30));

        TestBills.TestAccount extended = TestBills.account(jdbc, "en");
        long extendedBill = billWithCharge(extended, LocalDate.of(2031, 3, 9));
        today(LocalDate.of(2031, 3, 25));
        assertThatThrownBy(() -> extensions.extend(new AccountNumber(extended.accountNumber()), extendedBill, LocalDate.of(2031, 4, 11)))
                .isInstanceOf(BusinessRuleViolation.class).hasMessageContaining("at most 10 days");
        assertThat(jdbc.sql("select count(*) from collections_extension where bill_id = ?").param(extendedBill).query(Long.class).single()).isZero();
        extensions.extend(new AccountNumber(extended.accountNumber()), extendedBill, LocalDate.of(2031, 4, 10));
        assertThatThrownBy(() -> extensions.extend(new AccountNumber(extended.accountNumber()), extendedBill, LocalDate.of(2031, 4, 5)))
                .isInstanceOf(BusinessRuleViolation.class).hasMessageContaining("already extended once");

        today(LocalDate.of(2031, 4, 6));
        List<String> both = List.of(paid.accountNumber(), extended.accountNumber());
        LateFees.Outcome run = lateFees.run(LocalDate.of(2031, 4, 6), both);
        assertThat(run.assessed()).isEqualTo(1);
        assertThat(run.charged()).isZero();
        assertThat(jdbc.sql("select fee from collections_late_fee where bill_id = ?").param(paidBill).query(BigDecimal.class).single())
                .isEqualByComparingTo("0");
        assertThat(jdbc.sql("select count(*) from collections_late_fee where bill_id = ?").param(extendedBill).query(Long.class).single()).isZero();

        today(LocalDate.of(2031, 4, 15));
        assertThat(lateFees.run(LocalDate.of(2031, 4, 15), both).charged()).isEqualTo(1);
        assertThat(jdbc.sql("select assessed_on from collections_late_fee where bill_id = ?").param(extendedBill)
                .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2031, 4, 15));
    }

    @Test
    void anArrangementReAgesThePastDueIsRefusedWithReasonsAndBreaksWhenAnInstallmentIsUnpaid() {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        charge(a, "WATER", "240.00", LocalDate.of(2031, 5, 1), LocalDate.of(2031, 5, 20));
        charge(a, "WASTEWATER", "60.00", LocalDate.of(2031, 5, 1), LocalDate.of(2031, 5, 20));
        today(LocalDate.of(2031, 6, 10));
        AccountNumber number = new AccountNumber(a.accountNumber());

        assertThatThrownBy(() -> arrangements.create(number, 7)).isInstanceOf(BusinessRuleViolation.class)
                .hasMessageContaining("1 to 6 months; 7 asked");
        assertThat(jdbc.sql("select count(*) from collections_arrangement where account_number = ?").param(a.accountNumber())
                .query(Long.class).single()).isZero();

        Arrangements.Arrangement made = arrangements.create(number, 3);
        assertThat(made.amount()).isEqualTo(Money.of("300.00"));
        assertThat(made.installments()).extracting(Arrangements.Installment::amount)
                .containsExactly(Money.of("100.00"), Money.of("100.00"), Money.of("100.00"));
        assertThat(made.installments().get(0).dueDate()).isEqualTo(LocalDate.of(2031, 7, 10));
        // nothing past due any more, and the disconnect answer names the arrangement
        var answer = standing.disconnectToday(a.accountNumber());
        assertThat(answer.decision().granted()).isFalse();
        assertThat(answer.decision().reasons()).anyMatch(r -> r.contains("arrangement is current"));
        assertThatThrownBy(() -> arrangements.create(number, 2)).isInstanceOf(BusinessRuleViolation.class)
                .satisfies(e -> assertThat(((BusinessRuleViolation) e).problems()).extracting(BusinessRuleViolation.FieldProblem::reason)
                        .contains("Nothing is past due: there is nothing to arrange.", "An arrangement is already current."));

        // first installment due 07-10, unpaid on 07-15: broken
        today(LocalDate.of(2031, 7, 14));
        arrangements.review(LocalDate.of(2031, 7, 14));
        assertThat(arrangements.arrangement(made.id()).status()).isEqualTo("CURRENT");
        today(LocalDate.of(2031, 7, 15));
        arrangements.review(LocalDate.of(2031, 7, 15));
        Arrangements.Arrangement broken = arrangements.arrangement(made.id());
        assertThat(broken.status()).isEqualTo("BROKEN");
        assertThat(broken.statusReason()).contains("$100.00").contains("collection schedule");
        assertThat(jdbc.sql("select count(*) from audit_event where record_id = ? and action = 'arrangement-broken'")
                .param(a.accountNumber()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anArrangementKeptToTheEndIsCompleted() {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        charge(a, "WATER", "100.00", LocalDate.of(2031, 1, 1), LocalDate.of(2031, 1, 20));
        today(LocalDate.of(2031, 2, 1));
        Arrangements.Arrangement made = arrangements.create(new AccountNumber(a.accountNumber()), 2);
        pay(a, "WATER", "50.00", LocalDate.of(2031, 3, 1));
        today(LocalDate.of(2031, 3, 7));
        arrangements.review(LocalDate.of(2031, 3, 7));
        assertThat(arrangements.arrangement(made.id()).status()).isEqualTo("CURRENT");
        pay(a, "WATER", "50.00", LocalDate.of(2031, 4, 1));
        today(LocalDate.of(2031, 4, 7));
        arrangements.review(LocalDate.of(2031, 4, 7));
        assertThat(arrangements.arrangement(made.id()).status()).isEqualTo("COMPLETED");
    }

    @Test
    void theMoratoriumProtectsOnJulyFifteenthAndNotOnOctoberSecond() {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        charge(a, "WATER", "400.00", LocalDate.of(2031, 5, 1), LocalDate.of(2031, 5, 20));
        today(LocalDate.of(2031, 7, 15));
        var july = standing.disconnectToday(a.accountNumber());
        assertThat(july.decision().granted()).isFalse();
        assertThat(july.decision().reasons()).anyMatch(r -> r.startsWith("Summer moratorium"));
        today(LocalDate.of(2031, 10, 2));
        var october = standing.disconnectToday(a.accountNumber());
        assertThat(october.decision().granted()).isTrue();
        assertThat(october.services()).containsExactly("WATER");

        // a medical certificate and a heat day each protect, with their reasons
        protections.add(new AccountNumber(a.accountNumber()), "MEDICAL_CERTIFICATE", LocalDate.of(2031, 10, 1), "Dr. Ruiz, oxygen");
        assertThat(standing.disconnectToday(a.accountNumber()).decision().reasons()).anyMatch(r -> r.contains("until 2031-10-31"));
        assertThatThrownBy(() -> protections.add(new AccountNumber(a.accountNumber()), "MEDICAL_CERTIFICATE", null, " "))
                .isInstanceOf(BusinessRuleViolation.class)
                .satisfies(e -> assertThat(((BusinessRuleViolation) e).problems()).extracting(BusinessRuleViolation.FieldProblem::field)
                        .containsExactly("startsOn", "note"));
    }

    @Test
    void aRequiredDepositIsChargedAgainstDepositsHeldAndRoundedUpToFiveDollars() {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        today(LocalDate.of(2031, 2, 1));
        AccountNumber number = new AccountNumber(a.accountNumber());
        // a letter of good credit waives it: refused with the policy's reason, nothing written
        assertThatThrownBy(() -> deposits.require(number, new Deposits.Waivers(true, org.civicdesk.collections.DepositRequirementPolicy.CreditCheck.NOT_RUN, false), 1))
                .isInstanceOf(BusinessRuleViolation.class).hasMessageContaining("Letter of good credit from another utility: on file.");
        assertThat(deposits.deposit(a.accountId())).isNull();

        // the account opened 2025-01-02, so six years of service: the history alone waives it
        Deposits.Assessment assessment = deposits.assess(number, Deposits.Waivers.NONE);
        assertThat(assessment.requirement().granted()).isFalse();

        // a returned... no: a commercial account needs one whatever its history
        jdbc.sql("update account set account_class = 'COMMERCIAL' where id = ?").param(a.accountId()).update();
        Deposits.Deposit d = deposits.require(number, Deposits.Waivers.NONE, 3);
        assertThat(d.amount().cents() % 500).isZero();
        assertThat(d.schedule()).hasSize(3);
        assertThat(d.schedule().stream().map(Deposits.Installment::amount).reduce(Money.ZERO, Money::plus)).isEqualTo(d.amount());
        Map<String, Object> sides = jdbc.sql("""
                select sum(l.credit) filter (where a.code = '2100') held, sum(l.debit) filter (where a.code = '1200') owed, max(e.source) src
                  from ledger_journal_entry e join ledger_journal_line l on l.entry_id = e.id join ledger_account a on a.id = l.account_id
                 where e.idempotency_key = ?""").param("deposit:account:" + a.accountNumber()).query().singleRow();
        assertThat((BigDecimal) sides.get("held")).isEqualByComparingTo(d.amount().amount());
        assertThat((BigDecimal) sides.get("owed")).isEqualByComparingTo(d.amount().amount());
        assertThat(sides.get("src")).isEqualTo("deposit-installment");
        assertThatThrownBy(() -> deposits.require(number, Deposits.Waivers.NONE, 1)).hasMessageContaining("already has a deposit");
    }

    @Test
    void theAccountScreenShowsTheSectionAndARefusedArrangementShowsThePolicysReasonAndWritesNothing() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        charge(a, "WATER", "180.00", LocalDate.of(2031, 4, 1), LocalDate.of(2031, 4, 20));
        today(LocalDate.of(2031, 5, 10));
        mvc.perform(get("/accounts/" + a.accountNumber()).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Collections")))
                .andExpect(content().string(Matchers.containsString("May be disconnected today (WATER)")))
                .andExpect(content().string(Matchers.containsString("Eligible for a payment arrangement")));
        mvc.perform(post("/accounts/" + a.accountNumber() + "/collections/arrangement").with(httpBasic("csr", "civicdesk-demo"))
                        .param("months", "9"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("1 to 6 months; 9 asked")));
        assertThat(jdbc.sql("select count(*) from collections_arrangement where account_number = ?").param(a.accountNumber())
                .query(Long.class).single()).isZero();
        mvc.perform(post("/accounts/" + a.accountNumber() + "/collections/arrangement").with(httpBasic("cashier", "civicdesk-demo"))
                        .param("months", "3"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/accounts/" + a.accountNumber() + "/collections/arrangement").with(httpBasic("csr", "civicdesk-demo"))
                        .param("months", "3"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select status from collections_arrangement where account_number = ?").param(a.accountNumber())
                .query(String.class).single()).isEqualTo("CURRENT");
    }

    @Test
    void onlyAHeatDayDeclarerDeclaresAndADayIsDeclaredOnce() throws Exception {
        today(LocalDate.of(2031, 7, 1));
        LocalDate day = LocalDate.of(2031, 7, 2).plusDays(System.nanoTime() % 150);
        mvc.perform(post("/collections/heat-days").with(httpBasic("csr", "civicdesk-demo")).param("day", day.toString()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/collections/heat-days").with(httpBasic("supervisor", "civicdesk-demo")).param("day", day.toString())
                        .param("note", "Forecast 112 F"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/collections/heat-days").with(httpBasic("supervisor", "civicdesk-demo")).param("day", day.toString()))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("already declared")));
    }

    @Test
    void theSeededRulesAreCityProfilesFigures() {
        assertThat(rules.on(LocalDate.of(2031, 1, 1))).isEqualTo(org.civicdesk.collections.CollectionsRules.cityProfile(LocalDate.of(2020, 1, 1)));
        assertThatThrownBy(() -> rules.on(LocalDate.of(2019, 12, 31))).hasMessageContaining("No collections rules");
    }

    @Test
    void theDepositAndProtectionPagesExplainAndRefuseBadInput() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        today(LocalDate.of(2031, 2, 1));
        mvc.perform(get("/accounts/" + a.accountNumber() + "/collections/deposit").with(httpBasic("csr", "civicdesk-demo"))
                        .param("creditCheck", "FAILED"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Credit check: failed.")))
                .andExpect(content().string(Matchers.containsString("Rounded up to the next $5.00")));
        mvc.perform(post("/accounts/" + a.accountNumber() + "/collections/protection").with(httpBasic("csr", "civicdesk-demo"))
                        .param("kind", "BANKRUPTCY").param("startsOn", "2031-03-01").param("note", "Case 31-1234"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("is in the future")));
        assertThat(protections.ofAccount(a.accountId())).isEmpty();
        mvc.perform(post("/accounts/" + a.accountNumber() + "/collections/protection").with(httpBasic("csr", "civicdesk-demo"))
                        .param("kind", "BANKRUPTCY").param("startsOn", "2031-01-15").param("note", "Case 31-1234"))
                .andExpect(status().is3xxRedirection());
        assertThat(standing.disconnectToday(a.accountNumber()).decision().reasons()).contains("Bankruptcy on file: collection is stopped.");
    }

    @Test
    void aLateFeeIsSharedOverTheFundsPastDueToTheCent() {
        Map<String, Money> parts = LateFees.spread(Money.of("3.01"), new java.util.LinkedHashMap<>(Map.of(
                "WATER", Money.of("100.00"), "WASTEWATER", Money.of("100.00"), "GAS", Money.of("0.00"))));
        assertThat(parts.values().stream().reduce(Money.ZERO, Money::plus)).isEqualTo(Money.of("3.01"));
        assertThat(parts).doesNotContainKey("GAS");
    }
}

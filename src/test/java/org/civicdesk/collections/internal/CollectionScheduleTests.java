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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.cashiering.CashieringFixture;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.ServiceConnections;
import org.civicdesk.fieldservice.FieldOrder;
import org.civicdesk.fieldservice.FieldOrderStatus;
import org.civicdesk.fieldservice.FieldOrderTypes;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.fieldservice.NewFieldOrder;
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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The daily collection schedule with a fake clock (dates in 2033, away from other tests' periods): the full
 * cycle from bill to a disconnect a payment cancels and a return resumes, the summer moratorium, a broken
 * arrangement back into the schedule, a missed day caught up, the same-day reconnect, and a disconnect refused
 * for a protected account.
 */
@CivicDeskTest
class CollectionScheduleTests {

    @Autowired JdbcClient jdbc;
    @Autowired Ledger ledger;
    @Autowired SettableClock clock;
    @Autowired CollectionsDailyJob job;
    @Autowired CollectionSchedule schedule;
    @Autowired Arrangements arrangements;
    @Autowired FieldOrders orders;
    @Autowired Payments payments;
    @Autowired ServiceConnections connections;
    @Autowired MockMvc mvc;

    private final Instant realNow = Instant.now();

    @AfterEach
    void restore() {
        clock.set(realNow);
        SecurityContextHolder.clearContext();
    }

    private void at(LocalDate day, int hour) {
        clock.set(day.atTime(hour, 0).atZone(ZoneId.of("America/Phoenix")).toInstant());
    }

    private CollectionsDailyJob.Result run(LocalDate day, TestBills.TestAccount a) {
        at(day, 6);
        return job.run(day, List.of(a.accountNumber()));
    }

    private void charge(TestBills.TestAccount a, String fund, String amount, LocalDate businessDate, LocalDate due) {
        Receivable r = ledger.openReceivable("utility-account", fund, a.accountNumber(), a.customerName());
        ledger.post(new JournalEntryRequest("test-charge:" + a.accountNumber() + ":" + System.nanoTime(), businessDate, "billing",
                "Test charge", List.of(JournalLineRequest.debit(fund, "1200", Money.of(amount)).receivable(r.id()).due(due),
                        JournalLineRequest.credit(fund, "4010", Money.of(amount)))));
    }

    private List<Map<String, Object>> events(TestBills.TestAccount a) {
        return jdbc.sql("select business_date, step, outcome, reasons, letter_id, cycle_due_date from collection_step_event where account_id = ? order by id")
                .param(a.accountId()).query().listOfRows();
    }

    private List<String> eventKeys(TestBills.TestAccount a) {
        return events(a).stream().map(e -> e.get("business_date") + " " + e.get("step") + " " + e.get("outcome")).toList();
    }

    private List<String> letters(TestBills.TestAccount a) {
        return jdbc.sql("select template_code from letter where account_id = ? order by id").param(a.accountId()).query(String.class).list();
    }

    private List<FieldOrder> collectionsOrders(TestBills.TestAccount a) {
        return orders.ofAccount(a.accountId(), 50).stream().filter(o -> "collections".equals(o.source()))
                .sorted(java.util.Comparator.comparingLong(FieldOrder::id)).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 30 s").isTrue();
    }

    private PostedPayment pay(TestBills.TestAccount a, String amount, LocalDate day) {
        CashieringFixture.signInWithAll("cashier-" + System.nanoTime());
        try {
            return payments.post(new NewPayment(CashieringFixture.key(), TenderSource.REMITTANCE_DESK, null, day,
                    List.of(CashieringFixture.check(amount, "55" + (System.nanoTime() % 1000))),
                    List.of(new NewPayment.Allocation(new PaymentTarget("utility-account", a.accountNumber()), Money.of(amount))),
                    "Lucia", null));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aFullCycleBillLateFeeNoticesDoorHangerDisconnectAPaymentCancelsItAndItsReturnResumesIt() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        long billId = TestBills.bill(jdbc, a, new TestBills.Period(LocalDate.of(2033, 1, 9).minusMonths(1), LocalDate.of(2033, 1, 9),
                60, new BigDecimal("6.50"), false), "en", Money.ZERO, Money.ZERO, null);
        Map<String, Object> bill = jdbc.sql("select bill_date, due_date, total_due from bill where id = ?").param(billId).query().singleRow();
        LocalDate due = ((java.sql.Date) bill.get("due_date")).toLocalDate();
        assertThat(due).isEqualTo(LocalDate.of(2033, 1, 31));
        charge(a, "WATER", ((BigDecimal) bill.get("total_due")).toPlainString(), LocalDate.of(2033, 1, 10), due);
        charge(a, "WASTEWATER", "150.00", LocalDate.of(2033, 1, 10), due); // an unpaid earlier balance on the bill

        // due date + 5: the late fee; nothing else yet
        CollectionsDailyJob.Result feeDay = run(LocalDate.of(2033, 2, 5), a);
        assertThat(feeDay.lateFees().charged()).isEqualTo(1);
        assertThat(events(a)).isEmpty();

        // day 15: the reminder; run twice, the same result
        run(LocalDate.of(2033, 2, 15), a);
        run(LocalDate.of(2033, 2, 15), a);
        assertThat(eventKeys(a)).containsExactly("2033-02-15 REMINDER TAKEN");
        assertThat(letters(a)).containsExactly("COLLECTIONS_REMINDER");

        // day 25: the final notice
        run(LocalDate.of(2033, 2, 25), a);
        assertThat(letters(a)).containsExactly("COLLECTIONS_REMINDER", "COLLECTIONS_FINAL_NOTICE");

        // day 35: the door hanger (48-hour notice) and its letter; day 36 waits
        run(LocalDate.of(2033, 3, 7), a);
        run(LocalDate.of(2033, 3, 8), a);
        assertThat(collectionsOrders(a)).extracting(FieldOrder::type).containsExactly(FieldOrderTypes.DOOR_HANGER);
        assertThat(letters(a)).endsWith("COLLECTIONS_DISCONNECT_NOTICE");

        // day 37: the disconnect order for water (wastewater is not cut in the field); twice, one order
        run(LocalDate.of(2033, 3, 9), a);
        run(LocalDate.of(2033, 3, 9), a);
        assertThat(collectionsOrders(a)).extracting(FieldOrder::type)
                .containsExactly(FieldOrderTypes.DOOR_HANGER, FieldOrderTypes.DISCONNECT_NONPAY);
        FieldOrder cut = collectionsOrders(a).get(1);
        assertThat(cut.serviceType()).isEqualTo("WATER");
        assertThat(eventKeys(a)).containsExactly("2033-02-15 REMINDER TAKEN", "2033-02-25 FINAL_NOTICE TAKEN",
                "2033-03-07 DOOR_HANGER TAKEN", "2033-03-09 DISCONNECT TAKEN");
        assertThat(events(a).get(3).get("reasons").toString()).contains("reaches the threshold of $150.00");

        // a payment that brings the past due under $150 cancels the pending orders at once, with the reason
        at(LocalDate.of(2033, 3, 9), 10);
        Money pastDue = schedule.standing(a.accountNumber(), LocalDate.of(2033, 3, 9)).pastDue();
        String toPay = pastDue.minus(Money.of("100.00")).amount().toPlainString();
        PostedPayment paid = pay(a, toPay, LocalDate.of(2033, 3, 9));
        await(() -> orders.order(cut.id()).status() == FieldOrderStatus.CANCELLED);
        assertThat(orders.order(cut.id()).statusReason()).contains("Payment " + paid.paymentId())
                .contains("under the disconnect threshold of $150.00");
        assertThat(collectionsOrders(a).get(0).status()).isEqualTo(FieldOrderStatus.CANCELLED);
        await(() -> letters(a).contains("COLLECTIONS_DISCONNECT_CANCELLED"));
        assertThat(eventKeys(a)).contains("2033-03-09 DISCONNECT CANCELLED", "2033-03-09 DOOR_HANGER CANCELLED");

        // the next day nothing is re-ordered: the account is under the threshold
        run(LocalDate.of(2033, 3, 10), a);
        assertThat(collectionsOrders(a)).hasSize(2);

        // the payment comes back: the disconnect resumes with a new 48-hour notice, the disconnect two days later
        at(LocalDate.of(2033, 3, 11), 9);
        CashieringFixture.signInWithAll("headcashier-" + System.nanoTime());
        payments.returnPayment(paid.paymentId(), "CHECK", "NSF");
        SecurityContextHolder.clearContext();
        await(() -> collectionsOrders(a).size() == 4);
        List<FieldOrder> resumed = collectionsOrders(a).subList(2, 4);
        assertThat(resumed).extracting(FieldOrder::type).containsExactly(FieldOrderTypes.DOOR_HANGER, FieldOrderTypes.DISCONNECT_NONPAY);
        assertThat(resumed.get(0).requestedDate()).isEqualTo(LocalDate.of(2033, 3, 11));
        assertThat(resumed.get(1).requestedDate()).isEqualTo(LocalDate.of(2033, 3, 13));
        await(() -> letters(a).contains("COLLECTIONS_RETURNED_PAYMENT_NOTICE"));
        assertThat(eventKeys(a)).contains("2033-03-11 DOOR_HANGER RESUMED", "2033-03-11 DISCONNECT RESUMED");
    }

    @Test
    void theMoratoriumHoldsTheDisconnectOnJulyFifteenthAndTheOrderIsMadeOnOctoberSecond() {
        TestBills.TestAccount a = TestBills.account(jdbc, "es");
        charge(a, "WATER", "400.00", LocalDate.of(2033, 5, 1), LocalDate.of(2033, 5, 20));

        run(LocalDate.of(2033, 6, 4), a);   // day 15
        run(LocalDate.of(2033, 6, 14), a);  // day 25
        run(LocalDate.of(2033, 6, 24), a);  // day 35: the notice would announce a disconnect in the moratorium
        run(LocalDate.of(2033, 7, 15), a);
        Map<String, Object> july = events(a).stream().filter(e -> e.get("business_date").toString().equals("2033-07-15"))
                .findFirst().orElseThrow();
        assertThat(july.get("outcome")).isEqualTo("HELD");
        assertThat(july.get("step")).isEqualTo("DOOR_HANGER");
        assertThat(july.get("reasons").toString()).contains("Summer moratorium").contains("held today");
        assertThat(collectionsOrders(a)).isEmpty();
        assertThat(letters(a)).containsExactly("COLLECTIONS_REMINDER", "COLLECTIONS_FINAL_NOTICE");

        // 09-29 still announces 10-01? no: the moratorium runs to 09-30, so 09-29 hangs for 10-01 ... the job is
        // run here on 09-30 (announcing 10-02), 10-01 (waits) and 10-02 (the disconnect order)
        run(LocalDate.of(2033, 9, 27), a);
        assertThat(collectionsOrders(a)).isEmpty();
        run(LocalDate.of(2033, 9, 30), a);
        assertThat(collectionsOrders(a)).extracting(FieldOrder::type).containsExactly(FieldOrderTypes.DOOR_HANGER);
        run(LocalDate.of(2033, 10, 1), a);
        assertThat(collectionsOrders(a)).hasSize(1);
        run(LocalDate.of(2033, 10, 2), a);
        assertThat(collectionsOrders(a)).extracting(FieldOrder::type)
                .containsExactly(FieldOrderTypes.DOOR_HANGER, FieldOrderTypes.DISCONNECT_NONPAY);
        assertThat(collectionsOrders(a).get(1).requestedDate()).isEqualTo(LocalDate.of(2033, 10, 2));
        // Spanish account: Spanish letters
        assertThat(jdbc.sql("select distinct language from letter where account_id = ?").param(a.accountId())
                .query(String.class).list()).containsExactly("es");
    }

    @Test
    void anArrangementTakesTheAccountOutOfTheScheduleAndBreakingItBringsItBack() {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        charge(a, "WATER", "300.00", LocalDate.of(2033, 1, 1), LocalDate.of(2033, 1, 20));
        run(LocalDate.of(2033, 2, 4), a);
        assertThat(eventKeys(a)).containsExactly("2033-02-04 REMINDER TAKEN");

        at(LocalDate.of(2033, 2, 10), 9);
        AuditActor.runAs("test", () -> arrangements.create(new AccountNumber(a.accountNumber()), 3));
        run(LocalDate.of(2033, 2, 14), a);
        run(LocalDate.of(2033, 3, 1), a);
        assertThat(eventKeys(a)).containsExactly("2033-02-04 REMINDER TAKEN");

        // the first installment (due 03-10) is unpaid on 03-15: broken, and the account is back in the schedule
        run(LocalDate.of(2033, 3, 15), a);
        assertThat(jdbc.sql("select status from collections_arrangement where account_id = ?").param(a.accountId())
                .query(String.class).single()).isEqualTo("BROKEN");
        run(LocalDate.of(2033, 3, 25), a);
        List<Map<String, Object>> after = events(a);
        assertThat(after).hasSize(2);
        assertThat(after.get(1).get("step")).isEqualTo("REMINDER");
        assertThat(after.get(1).get("outcome")).isEqualTo("TAKEN");
        assertThat(after.get(1).get("cycle_due_date").toString()).isEqualTo("2033-03-10");
    }

    @Test
    void oneAccountWhoseStepCannotBeWrittenFailsAloneAndTheOthersOfItsChunkAreTaken() {
        TestBills.TestAccount ok = TestBills.account(jdbc, "en");
        TestBills.TestAccount bad = TestBills.account(jdbc, "en");
        charge(ok, "WATER", "90.00", LocalDate.of(2033, 1, 10), LocalDate.of(2033, 1, 31));
        charge(bad, "WATER", "90.00", LocalDate.of(2033, 1, 10), LocalDate.of(2033, 1, 31));
        // a row of another cycle already holds the day's passed-over reminder of the bad account: its rows cannot be written
        jdbc.sql("""
                insert into collection_step_event (account_id, account_number, business_date, cycle_due_date, step, outcome,
                  reasons, created_at, created_by)
                values (?, ?, '2033-03-01', '2032-12-31', 'REMINDER', 'SKIPPED', 'test: another cycle', now(), 'test')""")
                .params(bad.accountId(), bad.accountNumber()).update();
        at(LocalDate.of(2033, 3, 1), 6);
        CollectionsDailyJob.Result r = job.run(LocalDate.of(2033, 3, 1), List.of(ok.accountNumber(), bad.accountNumber()));

        assertThat(r.schedule().taken()).isEqualTo(1);
        assertThat(r.schedule().failed()).isEqualTo(1);
        assertThat(eventKeys(ok)).containsExactly("2033-03-01 FINAL_NOTICE TAKEN", "2033-03-01 REMINDER SKIPPED");
        assertThat(letters(ok)).containsExactly("COLLECTIONS_FINAL_NOTICE");
        // nothing of the bad account's step stayed: no letter, no row but the one it collided with
        assertThat(eventKeys(bad)).containsExactly("2033-03-01 REMINDER SKIPPED");
        assertThat(letters(bad)).isEmpty();
    }

    @Test
    void aMissedDayIsCaughtUpWithTheLatestStepAndTheEarlierOnePassedOver() {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        charge(a, "WATER", "90.00", LocalDate.of(2033, 1, 10), LocalDate.of(2033, 1, 31));
        // the job did not run from day 15 to day 29
        CollectionsDailyJob.Result first = run(LocalDate.of(2033, 3, 1), a);
        assertThat(first.schedule().taken()).isEqualTo(1);
        assertThat(first.schedule().skipped()).isEqualTo(1);
        assertThat(eventKeys(a)).containsExactly("2033-03-01 FINAL_NOTICE TAKEN", "2033-03-01 REMINDER SKIPPED");
        assertThat(letters(a)).containsExactly("COLLECTIONS_FINAL_NOTICE");
        // run twice: nothing more
        CollectionsDailyJob.Result again = run(LocalDate.of(2033, 3, 1), a);
        assertThat(again.schedule().taken()).isZero();
        assertThat(eventKeys(a)).hasSize(2);
        // day 37 under the $150 threshold: the door hanger is held with the reason, no order
        run(LocalDate.of(2033, 3, 9), a);
        assertThat(events(a).get(2).get("outcome")).isEqualTo("HELD");
        assertThat(events(a).get(2).get("reasons").toString()).contains("is under the threshold of $150.00");
        assertThat(collectionsOrders(a)).isEmpty();
        assertThatThrownBy(() -> jdbc.sql("delete from collection_step_event where account_id = ?").param(a.accountId()).update())
                .hasMessageContaining("never changed");
    }

    /** Payments posted together (a lockbox chunk) come as one PaymentsPosted event; each is handled as if alone. */
    @Test
    void aDisconnectedAccountPaidInALockboxBatchIsReconnectedAndTheOtherAccountOfTheBatchIsLeftAlone() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        TestBills.TestAccount other = TestBills.account(jdbc, "en");
        jdbc.sql("update account set account_class = 'COMMERCIAL' where id = ?").param(a.accountId()).update();
        charge(a, "WATER", "250.00", LocalDate.of(2033, 1, 10), LocalDate.of(2033, 1, 31));
        run(LocalDate.of(2033, 3, 7), a);
        run(LocalDate.of(2033, 3, 9), a);
        FieldOrder cut = collectionsOrders(a).stream().filter(o -> o.type().equals(FieldOrderTypes.DISCONNECT_NONPAY)).findFirst().orElseThrow();
        AuditActor.runAs("test", () -> {
            orders.assign(cut.id(), "field1");
            orders.complete(cut.id(), null, "locked off");
        });
        LocalDate thursday = LocalDate.of(2033, 3, 10);
        at(thursday, 14);
        Money owed = schedule.standing(a.accountNumber(), thursday).pastDue();
        CashieringFixture.signInWithAll("cashier-" + System.nanoTime());
        List<PostedPayment> paid;
        try {
            paid = payments.postAll(List.of(
                    new NewPayment(CashieringFixture.key(), TenderSource.LOCKBOX, null, thursday,
                            List.of(CashieringFixture.check("20.00", "7701")),
                            List.of(new NewPayment.Allocation(new PaymentTarget("utility-account", other.accountNumber()),
                                    Money.of("20.00"))), null, null),
                    new NewPayment(CashieringFixture.key(), TenderSource.LOCKBOX, null, thursday,
                            List.of(CashieringFixture.check(owed.amount().toPlainString(), "7702")),
                            List.of(new NewPayment.Allocation(new PaymentTarget("utility-account", a.accountNumber()), owed)),
                            null, null)));
        } finally {
            SecurityContextHolder.clearContext();
        }
        await(() -> collectionsOrders(a).stream().anyMatch(o -> o.type().equals(FieldOrderTypes.SAME_DAY_RECONNECT)));
        BigDecimal fee = jdbc.sql("""
                select sum(l.credit) from ledger_journal_entry e join ledger_journal_line l on l.entry_id = e.id
                 where e.idempotency_key = ?""").param("same-day-reconnect:payment:" + paid.get(1).paymentId())
                .query(BigDecimal.class).single();
        assertThat(fee).isEqualByComparingTo("55.00");
        assertThat(collectionsOrders(other)).isEmpty();
    }

    @Test
    void aDisconnectedAccountPayingBeforeThreePmGetsASameDayReconnectWithTheFee() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        jdbc.sql("update account set account_class = 'COMMERCIAL' where id = ?").param(a.accountId()).update();
        charge(a, "WATER", "250.00", LocalDate.of(2033, 1, 10), LocalDate.of(2033, 1, 31));
        run(LocalDate.of(2033, 3, 7), a);
        run(LocalDate.of(2033, 3, 9), a);
        FieldOrder cut = collectionsOrders(a).stream().filter(o -> o.type().equals(FieldOrderTypes.DISCONNECT_NONPAY)).findFirst().orElseThrow();
        AuditActor.runAs("test", () -> {
            orders.assign(cut.id(), "field1");
            orders.complete(cut.id(), null, "locked off");
        });
        assertThat(connections.disconnected(a.accountId())).hasSize(1);

        // Thursday 2033-03-10 at 14:00 Phoenix: before the cut-off
        LocalDate thursday = LocalDate.of(2033, 3, 10);
        at(thursday, 14);
        Money owed = schedule.standing(a.accountNumber(), thursday).pastDue();
        PostedPayment paid = pay(a, owed.amount().toPlainString(), thursday);
        await(() -> collectionsOrders(a).stream().anyMatch(o -> o.type().equals(FieldOrderTypes.SAME_DAY_RECONNECT)));
        FieldOrder back = collectionsOrders(a).stream().filter(o -> o.type().equals(FieldOrderTypes.SAME_DAY_RECONNECT)).findFirst().orElseThrow();
        assertThat(back.requestedDate()).isEqualTo(thursday);
        assertThat(back.priority()).isEqualTo("HIGH");
        BigDecimal fee = jdbc.sql("""
                select sum(l.credit) from ledger_journal_entry e join ledger_journal_line l on l.entry_id = e.id
                 where e.idempotency_key = ?""").param("same-day-reconnect:payment:" + paid.paymentId()).query(BigDecimal.class).single();
        assertThat(fee).isEqualByComparingTo("55.00");
        assertThat(letters(a)).contains("COLLECTIONS_RECONNECT");
        assertThat(CollectionsPaymentHooks.sameDay(LocalDateTime.of(2033, 3, 10, 15, 5).atZone(ZoneId.of("America/Phoenix")))).isFalse();
        assertThat(CollectionsPaymentHooks.sameDay(LocalDateTime.of(2033, 3, 12, 9, 0).atZone(ZoneId.of("America/Phoenix")))).isFalse();
    }

    @Test
    void aDisconnectOrderForAProtectedAccountIsRefusedWithThePolicysReasonAndNothingWritten() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        charge(a, "WATER", "400.00", LocalDate.of(2033, 5, 1), LocalDate.of(2033, 5, 20));
        at(LocalDate.of(2033, 7, 15), 9);
        long premise = jdbc.sql("select premise_id from service_agreement where id = ?").param(a.waterAgreementId()).query(Long.class).single();
        assertThatThrownBy(() -> AuditActor.runAs("test", () -> orders.create(new NewFieldOrder(FieldOrderTypes.DISCONNECT_NONPAY,
                a.accountNumber(), premise, "WATER", a.waterAgreementId(), LocalDate.of(2033, 7, 15), null, null, "staff", null))))
                .isInstanceOf(BusinessRuleViolation.class).hasMessageContaining("Summer moratorium");
        String body = """
                {"type":"DISCONNECT_NONPAY","accountNumber":"%s","premiseId":%d,"serviceType":"WATER","agreementId":%d,
                 "requestedDate":"2033-07-15"}""".formatted(a.accountNumber(), premise, a.waterAgreementId());
        mvc.perform(post("/api/v1/field-orders").with(httpBasic("dispatcher", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is4xxClientError())
                .andExpect(content().string(Matchers.containsString("Summer moratorium")));
        assertThat(orders.ofAccount(a.accountId(), 10)).isEmpty();
    }

    @Test
    void theAccountScreenShowsTheScheduleHistoryAndTheNextStep() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        charge(a, "WATER", "90.00", LocalDate.of(2033, 1, 10), LocalDate.of(2033, 1, 31));
        run(LocalDate.of(2033, 3, 1), a);
        mvc.perform(get("/accounts/" + a.accountNumber()).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Collection schedule")))
                .andExpect(content().string(Matchers.containsString("Final notice: disconnection possible in 10 days")))
                .andExpect(content().string(Matchers.containsString("Passed over")))
                .andExpect(content().string(Matchers.containsString("Next step: Door hanger, 48-hour notice on 2033-03-07")));
    }
}

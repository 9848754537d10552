package org.civicdesk.fieldservice.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.customer.ServiceConnections;
import org.civicdesk.fieldservice.FieldOrder;
import org.civicdesk.fieldservice.FieldOrderCompleted;
import org.civicdesk.fieldservice.FieldOrderStatus;
import org.civicdesk.fieldservice.FieldOrderTypes;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.fieldservice.NewFieldOrder;
import org.civicdesk.metering.internal.MeterDesk;
import org.civicdesk.metering.internal.ReadDesk;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

@CivicDeskTest
@RecordApplicationEvents
class FieldServiceTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterDesk meters;
    @Autowired
    ReadDesk reads;
    @Autowired
    FieldOrders orders;
    @Autowired
    FieldOrderIntake intake;
    @Autowired
    ServiceConnections connections;
    @Autowired
    Clock clock;
    @Autowired
    org.civicdesk.ledger.Ledger ledger;
    @Autowired
    ApplicationEvents events;

    private static <T> T as(Supplier<T> work) {
        return AuditActor.runAs("test", work);
    }

    private FieldServiceFixture.Made made() {
        return FieldServiceFixture.make(jdbc, meters, LocalDate.now(clock).minusDays(90));
    }

    private FieldOrder order(FieldServiceFixture.Made m, String type, String service, LocalDate day) {
        return as(() -> orders.create(new NewFieldOrder(type, m.accountNumber(), m.premiseId(), service,
                service == null ? null : m.agreementId(), day, null, "test order", "test",
                FieldServiceFixture.unique("ref-"))));
    }

    private String statusOf(String table, long id) {
        return jdbc.sql("select status from " + table + " where id = ?").param(id).query(String.class).single();
    }

    private long eventsOf(long orderId) {
        return jdbc.sql("select count(*) from field_order_event where order_id = ?").param(orderId).query(Long.class).single();
    }

    @Test
    void intakeMakesOneOrderPerPendingStartOrStopAndPerRereadHowEverOftenItRuns() {
        FieldServiceFixture.Made m = made();
        LocalDate today = LocalDate.now(clock);
        long pending = FieldServiceFixture.pendingOrder(jdbc, m, "FINAL_READ", today);
        ReadDesk.Read read = as(() -> reads.enter(m.accountNumber(), m.meter(), today.minusDays(10).toString(), "1040",
                "ACTUAL", null, "SCREEN"));
        long reread = jdbc.sql("""
                insert into reread_request (read_id, meter_id, service_point_id, note, requested_at, requested_by)
                select id, meter_id, service_point_id, 'check the dials', now(), 'test' from meter_read where id = ?
                returning id""").param(read.id()).query(Long.class).single();

        FieldOrderIntake.Result first = as(intake::takeIn);
        FieldOrderIntake.Result second = as(intake::takeIn);

        assertThat(first.fromStartsAndStops()).isGreaterThanOrEqualTo(1);
        assertThat(first.fromRereads()).isGreaterThanOrEqualTo(1);
        FieldOrder fromStop = orders.bySource(FieldOrderIntake.SOURCE_PENDING, Long.toString(pending)).orElseThrow();
        FieldOrder fromReread = orders.bySource(FieldOrderIntake.SOURCE_REREAD, Long.toString(reread)).orElseThrow();
        assertThat(jdbc.sql("""
                select count(*) from field_order where (source = ? and source_reference = ?)
                                                    or (source = ? and source_reference = ?)""")
                .params(FieldOrderIntake.SOURCE_PENDING, Long.toString(pending), FieldOrderIntake.SOURCE_REREAD,
                        Long.toString(reread)).query(Long.class).single())
                .isEqualTo(2);
        assertThat(fromStop.type()).isEqualTo("FINAL_READ");
        assertThat(fromStop.area()).isEqualTo(m.area());
        assertThat(fromStop.meterNumber()).isEqualTo(m.meter());
        assertThat(fromStop.status()).isEqualTo(FieldOrderStatus.CREATED);
        assertThat(fromReread.type()).isEqualTo("REREAD");
        assertThat(fromReread.accountNumber()).isEqualTo(m.accountNumber());
        assertThat(statusOf("pending_service_order", pending)).isEqualTo("HANDED_OFF");
        assertThat(statusOf("reread_request", reread)).isEqualTo("DISPATCHED");
        assertThat(orders.ofAccount(m.accountId(), 10)).hasSize(2);
        assertThat(second.total()).as("nothing new the second time for these rows").isGreaterThanOrEqualTo(0);
        // the second run found both rows handed off: still one order each
        assertThat(orders.ofAccount(m.accountId(), 10)).hasSize(2);
    }

    @Test
    void aFinalReadCompletionSendsTheReadToMeteringAsAFieldReadAndTellsBilling() {
        FieldServiceFixture.Made m = made();
        FieldOrder o = order(m, FieldOrderTypes.FINAL_READ, "ELECTRIC", LocalDate.now(clock));
        as(() -> orders.assign(o.id(), "field1"));
        long stepsBefore = eventsOf(o.id());

        assertThatThrownBy(() -> as(() -> orders.complete(o.id(), " ", null)))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("reading"));
        assertThatThrownBy(() -> as(() -> orders.complete(o.id(), "12x", null)))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("reading"));
        assertThat(orders.order(o.id()).status()).isEqualTo(FieldOrderStatus.DISPATCHED);
        assertThat(eventsOf(o.id())).isEqualTo(stepsBefore);

        FieldOrder done = as(() -> orders.complete(o.id(), "1062", "final read taken"));

        assertThat(done.status()).isEqualTo(FieldOrderStatus.COMPLETED);
        assertThat(done.completionReading()).isEqualByComparingTo(new BigDecimal("1062"));
        ReadDesk.Read read = reads.read(done.completionReadId());
        assertThat(read.source()).isEqualTo("FIELD");
        assertThat(read.readType()).isEqualTo("FINAL");
        assertThat(read.meterNumber()).isEqualTo(m.meter());
        assertThat(events.stream(FieldOrderCompleted.class).filter(e -> e.orderId() == o.id()).toList())
                .singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo("FINAL_READ");
                    assertThat(e.readId()).isEqualTo(done.completionReadId());
                    assertThat(e.agreementId()).isEqualTo(m.agreementId());
                });
        assertThat(orders.withHistory(o.id()).steps()).extracting(FieldOrder.Step::step)
                .containsExactly("CREATED", "ASSIGN", "COMPLETE");
    }

    @Test
    void aDisconnectCompletionMarksTheServiceDisconnectedAndAReconnectRestoresIt() {
        FieldServiceFixture.Made m = made();
        // collections allows the disconnect: past due over the threshold, commercial (no summer moratorium)
        jdbc.sql("update account set account_class = 'COMMERCIAL' where id = ?").param(m.accountId()).update();
        org.civicdesk.ledger.Receivable r = ledger.openReceivable("utility-account", "ELECTRIC", m.accountNumber(), "Flor Field");
        ledger.post(new org.civicdesk.ledger.JournalEntryRequest("test-charge:" + System.nanoTime(), LocalDate.now(clock).minusDays(80),
                "billing", "Test charge", java.util.List.of(
                        org.civicdesk.ledger.JournalLineRequest.debit("ELECTRIC", "1200", org.civicdesk.platform.Money.of("300.00"))
                                .receivable(r.id()).due(LocalDate.now(clock).minusDays(60)),
                        org.civicdesk.ledger.JournalLineRequest.credit("ELECTRIC", "4010", org.civicdesk.platform.Money.of("300.00")))));
        FieldOrder cut = order(m, FieldOrderTypes.DISCONNECT_NONPAY, "ELECTRIC", LocalDate.now(clock));
        as(() -> orders.assign(cut.id(), "field2"));
        as(() -> orders.startRoute(cut.id(), null));
        as(() -> orders.complete(cut.id(), null, "meter locked off"));

        assertThat(connections.disconnected(m.accountId())).singleElement().satisfies(d -> {
            assertThat(d.agreementId()).isEqualTo(m.agreementId());
            assertThat(d.reference()).isEqualTo("field-order:" + cut.id());
        });
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'account' and record_id = ? and action = 'service-disconnected'")
                .param(m.accountNumber()).query(Long.class).single()).isEqualTo(1);

        FieldOrder back = order(m, FieldOrderTypes.SAME_DAY_RECONNECT, "ELECTRIC", LocalDate.now(clock));
        as(() -> orders.assign(back.id(), "field1"));
        as(() -> orders.complete(back.id(), null, null));

        assertThat(connections.disconnected(m.accountId())).isEmpty();
    }

    @Test
    void completingACancelledOrderIsRefusedWithTheReasonAndWritesNothing() throws Exception {
        FieldServiceFixture.Made m = made();
        FieldOrder o = order(m, FieldOrderTypes.DOOR_HANGER, null, LocalDate.now(clock));
        as(() -> orders.assign(o.id(), "field1"));
        assertThatThrownBy(() -> as(() -> orders.cancel(o.id(), "")))
                .isInstanceOfSatisfying(BusinessRuleViolation.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("reason"));
        as(() -> orders.cancel(o.id(), "paid at the counter"));
        long steps = eventsOf(o.id());

        assertThatThrownBy(() -> as(() -> orders.complete(o.id(), null, null)))
                .isInstanceOf(BusinessRuleViolation.class)
                .hasMessageContaining("already cancelled");
        mvc.perform(post("/api/v1/field-orders/" + o.id() + "/status").with(httpBasic("field1", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"COMPLETED\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("already cancelled")));

        FieldOrder after = orders.order(o.id());
        assertThat(after.status()).isEqualTo(FieldOrderStatus.CANCELLED);
        assertThat(after.statusReason()).isEqualTo("paid at the counter");
        assertThat(eventsOf(o.id())).isEqualTo(steps);
    }

    @Test
    void aSpecialistUpdatesOnlyTheirOwnOrdersAndOnlyDispatchersAssign() throws Exception {
        FieldServiceFixture.Made m = made();
        FieldOrder o = order(m, FieldOrderTypes.METER_TEST, "ELECTRIC", LocalDate.now(clock));
        as(() -> orders.assign(o.id(), "field1"));
        String enRoute = "{\"status\":\"EN_ROUTE\"}";

        mvc.perform(post("/api/v1/field-orders/" + o.id() + "/status").with(httpBasic("field2", "civicdesk-demo"))
                .contentType(MediaType.APPLICATION_JSON).content(enRoute)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/field-orders/" + o.id() + "/status").with(httpBasic("cashier", "civicdesk-demo"))
                .contentType(MediaType.APPLICATION_JSON).content(enRoute)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/field-orders/" + o.id() + "/status").with(httpBasic("field1", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"CANCELLED\",\"reason\":\"x\"}"))
                .andExpect(status().isForbidden());
        assertThat(orders.order(o.id()).status()).isEqualTo(FieldOrderStatus.DISPATCHED);
        // the dispatcher may not give the order to someone who is not a field specialist
        mvc.perform(post("/api/v1/field-orders/" + o.id() + "/assignment").with(httpBasic("dispatcher", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"specialist\":\"cashier\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("not an active field specialist")));

        mvc.perform(get("/api/v1/field-orders").with(httpBasic("field1", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("\"id\":" + o.id() + ",")));
        mvc.perform(get("/api/v1/field-orders").with(httpBasic("field2", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("\"id\":" + o.id() + ","))));
        mvc.perform(post("/api/v1/field-orders/" + o.id() + "/status").with(httpBasic("field1", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(enRoute))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("EN_ROUTE"));

        mvc.perform(post("/dispatch/orders/" + o.id() + "/assign").with(httpBasic("field1", "civicdesk-demo"))
                .with(csrf()).param("assignee", "field2")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/field-orders/" + o.id() + "/assignment").with(httpBasic("csr", "civicdesk-demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"specialist\":\"field2\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/dispatch").with(httpBasic("cashier", "civicdesk-demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/field").with(httpBasic("dispatcher", "civicdesk-demo"))).andExpect(status().isForbidden());
    }

    @Test
    void theBoardShowsTheDaysOrdersByAreaWithOverdueHighlightedAndAnswersTheLivePoll() throws Exception {
        FieldServiceFixture.Made m = made();
        LocalDate today = LocalDate.now(clock);
        FieldOrder late = order(m, FieldOrderTypes.HIGH_BILL_INVESTIGATION, "ELECTRIC", today.minusDays(2));
        FieldOrder fresh = order(m, FieldOrderTypes.METER_TEST, "ELECTRIC", today.plusDays(0));
        FieldOrder tomorrow = order(m, FieldOrderTypes.METER_TEST, "ELECTRIC", today.plusDays(1));
        as(() -> orders.assign(fresh.id(), "field2"));

        String page = mvc.perform(get("/dispatch").param("area", m.area()).with(httpBasic("dispatcher", "civicdesk-demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Area " + m.area(), "#" + late.id(), "#" + fresh.id())
                .doesNotContain("#" + tomorrow.id() + "<")
                .contains("id=\"order-" + late.id() + "\" class=\"overdue\"")
                .contains("hx-get=\"/dispatch/live?")
                .contains("id=\"specialist-" + fresh.id() + "\"")
                .contains("field2: 1", "unassigned: 1");

        as(() -> orders.startRoute(fresh.id(), null));
        FieldOrder hanger = order(m, FieldOrderTypes.DOOR_HANGER, null, today);
        as(() -> orders.cancel(hanger.id(), "payment brought the past-due under the threshold"));
        mvc.perform(get("/dispatch/live").param("area", m.area()).param("shown", "stale")
                        .with(httpBasic("dispatcher", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"status-" + fresh.id() + "\" hx-swap-oob=\"true\"")))
                .andExpect(content().string(containsString("EN ROUTE")))
                .andExpect(content().string(containsString("Reload the board")))
                .andExpect(content().string(containsString("Cancelled lately: do not send anyone")))
                .andExpect(content().string(containsString("#" + hanger.id() + "</a>")))
                .andExpect(content().string(containsString("payment brought the past-due under the threshold")));

        mvc.perform(get("/field").with(httpBasic("field2", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("#" + fresh.id() + " ")));
        mvc.perform(get("/accounts/" + m.accountNumber()).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Field orders")))
                .andExpect(content().string(containsString("#" + late.id())));
    }

    @Test
    void creatingWithTheSameSourceKeyReturnsTheFirstOrderAndBadInputNamesTheField() {
        FieldServiceFixture.Made m = made();
        NewFieldOrder n = new NewFieldOrder(FieldOrderTypes.DOOR_HANGER, m.accountNumber(), m.premiseId(), null, null,
                LocalDate.now(clock), null, null, "collections", "door-hanger:" + m.accountNumber());
        FieldOrder first = as(() -> orders.create(n));
        FieldOrder again = as(() -> orders.create(n));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(orders.openOfAccount(m.accountId(), FieldOrderTypes.DOOR_HANGER)).extracting(FieldOrder::id)
                .containsExactly(first.id());

        assertThatThrownBy(() -> as(() -> orders.create(new NewFieldOrder("NO_SUCH", "123", m.premiseId(), null, null,
                null, "URGENTISH", null, null, null))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .extracting(BusinessRuleViolation.FieldProblem::field)
                        .containsExactlyInAnyOrder("type", "accountNumber", "requestedDate", "priority"));
        assertThat(List.of(first.dueBy())).isNotEmpty();
    }

    @Test
    void ordersMadeTogetherAreIdempotentByKeyAndADisconnectTheCallersDecisionRefusesWritesNothing() {
        FieldServiceFixture.Made m = made();
        FieldServiceFixture.Made other = made();
        LocalDate today = LocalDate.now(clock);
        NewFieldOrder hanger = new NewFieldOrder(FieldOrderTypes.DOOR_HANGER, m.accountNumber(), m.premiseId(), null, null,
                today, null, "notice", "collections", "door-hanger:" + m.accountNumber() + ":" + today);
        NewFieldOrder cut = new NewFieldOrder(FieldOrderTypes.DISCONNECT_NONPAY, other.accountNumber(), other.premiseId(),
                "ELECTRIC", other.agreementId(), today, null, "cut", "collections",
                "disconnect:" + other.accountNumber() + ":ELECTRIC:" + today);
        org.civicdesk.fieldservice.DisconnectProtection allowed = (number, service, day) -> List.of();
        List<Long> ids = as(() -> orders.createAll(List.of(hanger, cut), allowed));
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        FieldOrder made = orders.order(ids.get(1));
        assertThat(made.type()).isEqualTo(FieldOrderTypes.DISCONNECT_NONPAY);
        assertThat(made.status()).isEqualTo(FieldOrderStatus.CREATED);
        assertThat(made.meterNumber()).isEqualTo(other.meter());
        assertThat(made.area()).isEqualTo(other.area());
        assertThat(eventsOf(ids.get(0))).isEqualTo(1);
        assertThat(orders.order(ids.get(0)).premiseAddress())
                .isEqualTo(order(m, FieldOrderTypes.DOOR_HANGER, null, today).premiseAddress());
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'field_order' and record_id = ? and action = 'created'")
                .param(Long.toString(ids.get(1))).query(Long.class).single()).isEqualTo(1);
        // the same keys again (a second run of the day): the same orders, nothing new
        assertThat(as(() -> orders.createAll(List.of(hanger, cut), allowed))).isEqualTo(ids);
        assertThat(eventsOf(ids.get(1))).isEqualTo(1);
        // the same key given by create: the order made together
        assertThat(as(() -> orders.create(cut)).id()).isEqualTo(ids.get(1));

        FieldServiceFixture.Made third = made();
        NewFieldOrder refused = new NewFieldOrder(FieldOrderTypes.DISCONNECT_NONPAY, third.accountNumber(),
                third.premiseId(), "ELECTRIC", third.agreementId(), today, null, null, "collections",
                "disconnect:" + third.accountNumber() + ":ELECTRIC:" + today);
        NewFieldOrder hangerToo = new NewFieldOrder(FieldOrderTypes.DOOR_HANGER, third.accountNumber(), third.premiseId(),
                null, null, today, null, null, "collections", "door-hanger:" + third.accountNumber() + ":" + today);
        assertThatThrownBy(() -> as(() -> orders.createAll(List.of(hangerToo, refused),
                (number, service, day) -> List.of("Summer moratorium: no disconnect of residential water."))))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .extracting(BusinessRuleViolation.FieldProblem::field).containsExactly("orders[1].type"))
                .hasMessageContaining("Summer moratorium");
        assertThat(orders.ofAccount(third.accountId(), 10)).isEmpty();
    }
}

package org.civicdesk.fieldservice.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civicdesk.fieldservice.FieldOrder;
import org.civicdesk.identity.Permission;
import org.civicdesk.identity.StaffDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dispatch board's view of a day: orders planned for it (scheduled day, else requested day) and every
 * unfinished order from earlier days (overdue), grouped by area (the premise's route), each area's orders by
 * specialist. Also a specialist's own list for the phone page.
 */
@Component
class DispatchBoard {

    /** Filters of the board; blank means any. specialist NONE means unassigned. */
    record Filters(LocalDate day, String area, String type, String status, String specialist) {

        static final String UNASSIGNED = "NONE";

        Filters {
            area = blank(area);
            type = blank(type);
            status = blank(status);
            specialist = blank(specialist);
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }

    /** One area's orders, with how many each specialist has. */
    record AreaGroup(String area, List<FieldOrder> orders, Map<String, Long> bySpecialist) {
    }

    /** A type for the filter. */
    record TypeOption(String code, String title) {
    }

    record Board(Filters filters, List<AreaGroup> areas, int orderCount, int overdueCount, Map<String, Long> byStatus,
            List<String> allAreas, List<TypeOption> types, List<StaffDirectory.Member> specialists, String fingerprint) {
    }

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final Clock clock;

    DispatchBoard(JdbcClient jdbc, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.clock = clock;
    }

    static final String DAY_CONDITION = """
             (coalesce(o.scheduled_for, o.requested_date) = :day
              or (coalesce(o.scheduled_for, o.requested_date) < :day and o.status not in ('COMPLETED', 'FAILED', 'CANCELLED')))
            """;

    @Transactional(readOnly = true)
    List<FieldOrder> orders(Filters f) {
        return jdbc.sql(JdbcFieldOrders.ORDER_SQL + " where " + DAY_CONDITION + """
                   and (cast(:area as text) is null or o.area = :area)
                   and (cast(:type as text) is null or o.order_type = :type)
                   and (cast(:status as text) is null or o.status = :status)
                   and (cast(:who as text) is null or (:who = 'NONE' and o.assigned_to is null) or o.assigned_to = :who)
                 order by o.area, o.assigned_to nulls first,
                          case o.priority when 'EMERGENCY' then 0 when 'HIGH' then 1 else 2 end, o.due_by, o.id
                 limit 1000""")
                .param("now", Timestamp.from(clock.instant())).param("day", f.day()).param("area", f.area())
                .param("type", f.type()).param("status", f.status()).param("who", f.specialist())
                .query(JdbcFieldOrders::map).list();
    }

    @Transactional(readOnly = true)
    Board board(Filters f) {
        List<FieldOrder> orders = orders(f);
        Map<String, List<FieldOrder>> byArea = new TreeMap<>();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        int overdue = 0;
        for (FieldOrder o : orders) {
            byArea.computeIfAbsent(o.area(), a -> new ArrayList<>()).add(o);
            byStatus.merge(o.status().name(), 1L, Long::sum);
            overdue += o.overdue() ? 1 : 0;
        }
        List<AreaGroup> groups = new ArrayList<>();
        byArea.forEach((area, list) -> {
            Map<String, Long> counts = new TreeMap<>();
            list.forEach(o -> counts.merge(o.assignedTo() == null ? "unassigned" : o.assignedTo(), 1L, Long::sum));
            groups.add(new AreaGroup(area, list, counts));
        });
        List<String> areas = jdbc.sql("select distinct area from field_order o where " + DAY_CONDITION + " order by 1")
                .param("day", f.day()).query(String.class).list();
        List<TypeOption> types = jdbc.sql("select code, title from field_order_type order by sort_order")
                .query((rs, n) -> new TypeOption(rs.getString(1), rs.getString(2))).list();
        return new Board(f, groups, orders.size(), overdue, byStatus, areas, types,
                staff.holding(Permission.FIELD_ORDER_UPDATE), fingerprint(orders));
    }

    /** Which orders the board shows: when another set matches the filters, the page offers a reload. */
    static String fingerprint(List<FieldOrder> orders) {
        long h = 1;
        for (FieldOrder o : orders) {
            h = 31 * h + o.id();
        }
        return Long.toHexString(h) + "-" + orders.size();
    }

    /** How far back the board's notice of cancelled disconnects and door hangers looks. */
    static final java.time.Duration NOTICE_WINDOW = java.time.Duration.ofHours(4);

    /**
     * Disconnects and door hangers cancelled lately (a payment brought the account under the threshold): the
     * board tells the dispatcher at once, so that no one is sent out.
     */
    @Transactional(readOnly = true)
    List<FieldOrder> recentlyCancelledCollections() {
        java.time.Instant now = clock.instant();
        return jdbc.sql(JdbcFieldOrders.ORDER_SQL + """
                 where o.status = 'CANCELLED' and o.order_type in ('DISCONNECT_NONPAY', 'DOOR_HANGER')
                   and o.status_changed_at >= :since order by o.status_changed_at desc limit 20""")
                .param("now", Timestamp.from(now)).param("since", Timestamp.from(now.minus(NOTICE_WINDOW)))
                .query(JdbcFieldOrders::map).list();
    }

    /** A specialist's orders: the day's and every unfinished one assigned to them. */
    @Transactional(readOnly = true)
    List<FieldOrder> mine(String username, LocalDate day) {
        return jdbc.sql(JdbcFieldOrders.ORDER_SQL + """
                 where o.assigned_to = :who
                   and (o.status not in ('COMPLETED', 'FAILED', 'CANCELLED')
                        or cast(o.status_changed_at at time zone :zone as date) = :day)
                 order by (o.status in ('COMPLETED', 'FAILED', 'CANCELLED')), o.status = 'EN_ROUTE' desc,
                          case o.priority when 'EMERGENCY' then 0 when 'HIGH' then 1 else 2 end, o.due_by, o.id""")
                .param("now", Timestamp.from(clock.instant())).param("who", username).param("day", day)
                .param("zone", clock.getZone().getId()).query(JdbcFieldOrders::map).list();
    }
}

package org.civicdesk.billing.internal.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.AdjustmentSummary;
import org.civicdesk.billing.BillDetail;
import org.civicdesk.billing.BillSummary;
import org.civicdesk.billing.Bills;
import org.civicdesk.billing.UsagePoint;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the bill tables (bill, bill_service, bill_line, bill_cancellation); it never writes them. */
@Service
@Transactional(readOnly = true)
class JdbcBills implements Bills {

    /** Services whose consumption is charted: wastewater's volume is the water's, so it is not charted twice. */
    static final List<String> METERED = List.of("ELECTRIC", "GAS", "WATER");

    private static final String SUMMARY = """
            select b.*, c.bill_id is not null as is_cancelled,
                   (select r.id from bill r where r.rebill_of_bill_id = b.id order by r.id limit 1) as rebilled_by
              from bill b left join bill_cancellation c on c.bill_id = b.id
            """;

    private final JdbcClient jdbc;

    JdbcBills(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<BillSummary> ofAccount(String accountNumber, int limit) {
        return jdbc.sql(SUMMARY + " where b.account_number = :n order by b.bill_date desc, b.id desc limit :limit")
                .param("n", accountNumber).param("limit", limit).query(JdbcBills::summary).list();
    }

    @Override
    public List<BillSummary> ofAccountId(long accountId, int limit) {
        return jdbc.sql(SUMMARY + " where b.account_id = :a order by b.bill_date desc, b.id desc limit :limit")
                .param("a", accountId).param("limit", limit).query(JdbcBills::summary).list();
    }

    @Override
    public List<BillSummary> issuedDueBetween(LocalDate from, LocalDate to) {
        return jdbc.sql(SUMMARY + " where b.due_date between :from and :to and c.bill_id is null order by b.due_date, b.id")
                .param("from", from).param("to", to).query(JdbcBills::summary).list().stream()
                .filter(b -> b.rebilledById() == null).toList();
    }

    @Override
    public List<Money> premiseCharges(long premiseId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select sum(s.total) from bill b
                  join bill_service s on s.bill_id = b.id
                  join service_agreement g on g.id = s.agreement_id
                 where g.premise_id = :p and b.bill_date between :from and :to
                   and not exists (select 1 from bill_cancellation c where c.bill_id = b.id)
                 group by b.id order by b.id
                """).param("p", premiseId).param("from", from).param("to", to)
                .query((rs, n) -> Money.of(rs.getBigDecimal(1))).list();
    }

    @Override
    public List<AdjustmentSummary> adjustmentsOfAccountId(long accountId, int limit) {
        return jdbc.sql("""
                select a.id, a.bill_id, a.service_type, a.amount, r.description, a.note, a.business_date, a.requested_by,
                       a.approved_by
                  from billing_adjustment a join billing_adjustment_reason r on r.code = a.reason_code
                 where a.account_id = :a order by a.posted_at desc, a.id desc limit :limit""")
                .param("a", accountId).param("limit", limit)
                .query((rs, n) -> new AdjustmentSummary(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3),
                        Money.of(rs.getBigDecimal(4)), rs.getString(5), rs.getString(6),
                        rs.getObject(7, LocalDate.class), rs.getString(8), rs.getString(9)))
                .list();
    }

    @Override
    public BillDetail bill(long billId) {
        record Head(BillSummary summary, long accountId, Long runId, String key, Long entryId, Instant createdAt,
                String createdBy) {
        }
        Head head = jdbc.sql(SUMMARY + " where b.id = :id").param("id", billId)
                .query((rs, n) -> new Head(summary(rs, n), rs.getLong("account_id"), (Long) rs.getObject("bill_run_id"),
                        rs.getString("idempotency_key"), (Long) rs.getObject("ledger_entry_id"),
                        instant(rs, "created_at"), rs.getString("created_by")))
                .optional().orElseThrow(() -> new RecordNotFound("billId", "There is no bill " + billId + "."));
        BillDetail.Cancellation cancellation = jdbc.sql("select * from bill_cancellation where bill_id = :id")
                .param("id", billId)
                .query((rs, n) -> new BillDetail.Cancellation(rs.getString("reason"), instant(rs, "cancelled_at"),
                        rs.getString("cancelled_by"), rs.getLong("reversal_entry_id")))
                .optional().orElse(null);

        Map<Long, List<BillDetail.Line>> charges = new LinkedHashMap<>();
        Map<Long, List<BillDetail.Line>> taxes = new LinkedHashMap<>();
        jdbc.sql("select * from bill_line where bill_id = :id order by bill_service_id, line_no").param("id", billId)
                .query(rs -> {
                    BillDetail.Line line = new BillDetail.Line(rs.getInt("line_no"), rs.getString("kind"),
                            rs.getString("part"), rs.getString("description"), rs.getBigDecimal("quantity"),
                            rs.getString("unit"), rs.getBigDecimal("unit_price"), Money.of(rs.getBigDecimal("amount")),
                            rs.getBoolean("taxable"), rs.getString("account"), rs.getString("version_label"),
                            rs.getObject("part_from", LocalDate.class), rs.getObject("part_to", LocalDate.class));
                    (line.kind().equals("TAX") ? taxes : charges)
                            .computeIfAbsent(rs.getLong("bill_service_id"), k -> new ArrayList<>()).add(line);
                });
        List<BillDetail.Service> services = jdbc.sql("select * from bill_service where bill_id = :id order by id")
                .param("id", billId)
                .query((rs, n) -> new BillDetail.Service(rs.getLong("id"), rs.getLong("agreement_id"),
                        rs.getString("service_type"), rs.getString("rate_schedule"), rs.getString("fund"),
                        rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                        rs.getInt("days"), rs.getString("meter_number"), rs.getBigDecimal("from_reading"),
                        rs.getBigDecimal("to_reading"), rs.getBigDecimal("consumption"), rs.getBigDecimal("demand_kw"),
                        rs.getBoolean("estimated"), rs.getBigDecimal("wqa"), Money.of(rs.getBigDecimal("charges")),
                        Money.of(rs.getBigDecimal("tax")), Money.of(rs.getBigDecimal("total")),
                        charges.getOrDefault(rs.getLong("id"), List.of()), taxes.getOrDefault(rs.getLong("id"), List.of())))
                .list();
        return new BillDetail(head.summary(), head.accountId(), head.runId(), head.key(), head.entryId(),
                head.createdAt(), head.createdBy(), cancellation, services);
    }

    @Override
    public List<UsagePoint> usageUpTo(long billId) {
        // Only bills that existed, and were not yet cancelled, when this bill was issued: the chart of a stored
        // bill never changes afterwards.
        return jdbc.sql("""
                select s.service_type, s.period_from, s.period_to, s.days, s.consumption, s.estimated, s.bill_id
                  from bill me
                  join bill b on b.account_id = me.account_id and b.created_at <= me.created_at
                  join bill_service s on s.bill_id = b.id
                 where me.id = :id
                   and s.service_type in ('ELECTRIC', 'GAS', 'WATER') and s.consumption is not null
                   and s.period_to <= me.period_to and s.period_to > (me.period_to - interval '13 months')::date
                   and (b.id = me.id or not exists (select 1 from bill_cancellation c
                                                     where c.bill_id = b.id and c.cancelled_at <= me.created_at))
                 order by s.service_type, s.period_to, s.id
                """).param("id", billId).query(JdbcBills::usage).list();
    }

    @Override
    public List<UsagePoint> recentUsage(long accountId) {
        return jdbc.sql("""
                select s.service_type, s.period_from, s.period_to, s.days, s.consumption, s.estimated, s.bill_id
                  from bill b join bill_service s on s.bill_id = b.id
                 where b.account_id = :a
                   and s.service_type in ('ELECTRIC', 'GAS', 'WATER') and s.consumption is not null
                   and s.period_to > ((select max(period_to) from bill where account_id = :a) - interval '13 months')::date
                   and not exists (select 1 from bill_cancellation c where c.bill_id = b.id)
                 order by s.service_type, s.period_to, s.id
                """).param("a", accountId).query(JdbcBills::usage).list();
    }

    static String unitOf(String serviceType) {
        return switch (serviceType) {
            case "ELECTRIC" -> "kWh";
            case "GAS" -> "therms";
            default -> "kgal";
        };
    }

    private static UsagePoint usage(ResultSet rs, int n) throws SQLException {
        String type = rs.getString("service_type");
        return new UsagePoint(type, rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                rs.getInt("days"), rs.getBigDecimal("consumption"), unitOf(type), rs.getBoolean("estimated"),
                rs.getLong("bill_id"));
    }

    private static BillSummary summary(ResultSet rs, int n) throws SQLException {
        Long rebilledBy = (Long) rs.getObject("rebilled_by");
        String status = !rs.getBoolean("is_cancelled") ? BillSummary.ISSUED
                : rebilledBy != null ? BillSummary.REBILLED : BillSummary.CANCELLED;
        return new BillSummary(rs.getLong("id"), rs.getString("account_number"), rs.getObject("bill_date", LocalDate.class),
                rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                rs.getObject("due_date", LocalDate.class), money(rs, "previous_balance"), money(rs, "payments"),
                money(rs, "adjustments"), money(rs, "new_charges"), money(rs, "tax"), money(rs, "total_due"),
                rs.getBoolean("any_estimated"), rs.getString("language"), status,
                (Long) rs.getObject("rebill_of_bill_id"), rebilledBy);
    }

    private static Money money(ResultSet rs, String column) throws SQLException {
        return Money.of(rs.getBigDecimal(column));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}

package org.civicdesk.cashiering.internal.payments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Payments as people and API clients read them. */
@Component
public class PaymentViews {

    private final JdbcClient jdbc;

    PaymentViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A payment with its tenders, allocations and, if taken back, how. */
    public record PaymentView(long id, String idempotencyKey, String source, Long drawerId, LocalDate businessDate,
            String payerName, String externalReference, Money amount, Money changeGiven, long ledgerEntryId,
            Instant postedAt, String postedBy, List<TenderView> tenders, List<AllocationView> allocations,
            ReversalView reversal) {

        public Money tendered() {
            return tenders.stream().map(TenderView::amount).reduce(Money.ZERO, Money::plus);
        }
    }

    public record TenderView(String type, Money amount, String checkNumber, String cardBrand, String cardLast4) {
    }

    public record AllocationView(String targetType, String reference, String kind, String fund, String account,
            Long receivableId, Money amount) {
    }

    public record ReversalView(String kind, String returnCode, String reason, LocalDate businessDate, long reversalEntryId,
            Long feeEntryId, Instant createdAt, String createdBy) {
    }

    @Transactional(readOnly = true)
    public PaymentView payment(long id) {
        // the row first, then its tenders, allocations and reversal: a query inside the row mapper would take a
        // second pooled connection while the first is held, and 20 such requests at once starve the pool
        record Head(long id, String key, String source, Long drawerId, LocalDate businessDate, String payer,
                String reference, Money amount, Money change, long entryId, Instant postedAt, String postedBy) {
        }
        Head h = jdbc.sql("""
                select id, idempotency_key, source, drawer_id, business_date, payer_name, external_reference, amount,
                       change_given, ledger_entry_id, posted_at, posted_by from cashiering_payment where id = :id""")
                .param("id", id)
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), Money.of(rs.getBigDecimal(8)),
                        Money.of(rs.getBigDecimal(9)), rs.getLong(10), rs.getTimestamp(11).toInstant(), rs.getString(12)))
                .optional().orElseThrow(() -> new RecordNotFound("paymentId", "There is no payment " + id));
        return new PaymentView(h.id(), h.key(), h.source(), h.drawerId(), h.businessDate(), h.payer(), h.reference(),
                h.amount(), h.change(), h.entryId(), h.postedAt(), h.postedBy(), tenders(id), allocations(id), reversal(id));
    }

    public List<PaymentView> ofDrawer(long drawerId, int limit) {
        return jdbc.sql("select id from cashiering_payment where drawer_id = :d order by id desc limit :n")
                .param("d", drawerId).param("n", limit).query(Long.class).list().stream().map(this::payment).toList();
    }

    public List<PaymentView> ofTarget(String type, String reference, int limit) {
        return jdbc.sql("""
                select distinct payment_id from cashiering_payment_allocation where target_type = :t and target_reference = :r
                order by payment_id desc limit :n""").param("t", type).param("r", reference).param("n", limit)
                .query(Long.class).list().stream().map(this::payment).toList();
    }

    private List<TenderView> tenders(long id) {
        return jdbc.sql("""
                select tender_type, amount, check_number, card_brand, card_last4 from cashiering_payment_tender
                where payment_id = :id order by line_no""").param("id", id)
                .query((rs, i) -> new TenderView(rs.getString(1), Money.of(rs.getBigDecimal(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5))).list();
    }

    private List<AllocationView> allocations(long id) {
        return jdbc.sql("""
                select target_type, target_reference, kind, fund_code, account, receivable_id, amount
                from cashiering_payment_allocation where payment_id = :id order by line_no""").param("id", id)
                .query((rs, i) -> new AllocationView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6), Money.of(rs.getBigDecimal(7)))).list();
    }

    private ReversalView reversal(long id) {
        return jdbc.sql("""
                select kind, return_code, reason, business_date, reversal_entry_id, fee_entry_id, created_at, created_by
                from cashiering_payment_reversal where payment_id = :id""").param("id", id)
                .query((rs, i) -> new ReversalView(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getLong(5), (Long) rs.getObject(6),
                        rs.getTimestamp(7).toInstant(), rs.getString(8))).optional().orElse(null);
    }
}

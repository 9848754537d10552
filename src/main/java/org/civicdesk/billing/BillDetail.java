package org.civicdesk.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.Money;

/**
 * A bill with everything printed on it: each service with its period, meter, reads, consumption, charge lines
 * (quantity, unit price, amount, the tariff version and part they came from) and tax lines per jurisdiction.
 *
 * @param cancellation null unless the bill was cancelled
 */
public record BillDetail(BillSummary summary, long accountId, Long billRunId, String idempotencyKey,
        Long ledgerEntryId, Instant createdAt, String createdBy, Cancellation cancellation,
        List<Service> services) {

    public BillDetail {
        services = List.copyOf(services);
    }

    public long id() {
        return summary.id();
    }

    /** Why and when the bill was cancelled, and the reversal entry. */
    public record Cancellation(String reason, Instant cancelledAt, String cancelledBy, long reversalEntryId) {
    }

    /** One service of the bill (a bill segment). */
    public record Service(long id, long agreementId, String serviceType, String rateSchedule, String fund,
            LocalDate periodFrom, LocalDate periodTo, int days, String meterNumber, BigDecimal fromReading,
            BigDecimal toReading, BigDecimal consumption, BigDecimal demandKw, boolean estimated,
            BigDecimal winterQuarterAverage, Money charges, Money tax, Money total, List<Line> lines,
            List<Line> taxes) {

        public Service {
            lines = List.copyOf(lines);
            taxes = List.copyOf(taxes);
        }
    }

    /**
     * A charge line (kind CHARGE) or a tax line (kind TAX, part = the jurisdiction).
     *
     * @param version the tariff version's label, e.g. W1.1 v1 from 2026-01-01
     */
    public record Line(int lineNo, String kind, String part, String description, BigDecimal quantity, String unit,
            BigDecimal unitPrice, Money amount, boolean taxable, String account, String version,
            LocalDate partFrom, LocalDate partTo) {
    }
}

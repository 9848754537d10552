package org.civicdesk.billrun.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.billing.TariffBook;
import org.civicdesk.metering.BillableUsage;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;

/**
 * Composes one account's bill from its inputs and the tariff book: a pure function (no database, no clock),
 * so a run composes a chunk in memory and tests need no Spring.
 *
 * <p>Metered services bill from the last billed read to the latest read (or estimate) BillingReads found;
 * unmetered ones (solid waste, irrigation, hydrant rent without a read) from the end of their last bill (or
 * the day before the agreement started) to the cutoff, or to the agreement's end for a final bill; wastewater
 * takes the period and the consumption of the water service at the same premise and the WQA of its water
 * agreement. An account with a service that cannot be billed (missing read, read exception, rating refused)
 * is held whole: no partial bill.
 */
final class BillComposer {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private BillComposer() {
    }

    static ComposedBill compose(BillInputs.Account account, TariffBook book, LocalDate cutoff) {
        List<ComposedBill.Service> services = new ArrayList<>();
        List<ComposedBill.Finding> findings = new ArrayList<>();
        Map<Long, ComposedBill.Service> waterByPremise = new HashMap<>();
        // metered services first: wastewater needs the water service's period and consumption
        List<BillInputs.Agreement> ordered = new ArrayList<>(account.agreements());
        ordered.sort(Comparator.comparing((BillInputs.Agreement a) -> !BillInputs.metered(a.serviceType()))
                .thenComparing(a -> "WASTEWATER".equals(a.serviceType()))
                .thenComparingLong(BillInputs.Agreement::id));
        for (BillInputs.Agreement a : ordered) {
            if (finalBillDone(a)) {
                continue;
            }
            LocalDate previous;
            LocalDate read;
            BillableUsage usage = null;
            BigDecimal consumption = null;
            BigDecimal demand = null;
            BigDecimal wqa = null;
            if (BillInputs.metered(a.serviceType())) {
                usage = account.usage().get(a.id());
                if (usage == null) {
                    findings.add(new ComposedBill.Finding(a.id(), "MISSING_READ", true,
                            a.serviceType() + ": no usage was found for the period"));
                    continue;
                }
                if (!usage.billable()) {
                    findings.add(new ComposedBill.Finding(a.id(), kindOf(usage.problem()), true,
                            a.serviceType() + ": " + (usage.reason() == null ? usage.problem() : usage.reason())));
                    continue;
                }
                previous = usage.fromDate();
                read = usage.toDate();
                consumption = usage.consumption() == null ? BigDecimal.ZERO : usage.consumption();
                demand = usage.demandKw();
                if (consumption.signum() == 0 && !"STOPPED".equals(a.status())) {
                    findings.add(new ComposedBill.Finding(a.id(), "ZERO_USE", false,
                            a.serviceType() + ": zero use on an active service, meter " + usage.meterNumber()));
                }
                if (usage.estimated() && usage.estimatesInARow() >= 3) {
                    findings.add(new ComposedBill.Finding(a.id(), "THIRD_ESTIMATE", false, a.serviceType()
                            + ": estimate number " + usage.estimatesInARow() + " in a row, meter " + usage.meterNumber()));
                }
            } else if ("WASTEWATER".equals(a.serviceType()) && waterByPremise.containsKey(a.premiseId())) {
                ComposedBill.Service water = waterByPremise.get(a.premiseId());
                previous = water.previousDate();
                read = water.readDate();
                consumption = water.consumption();
                wqa = account.wqa().get(a.id());
            } else {
                previous = a.lastBilledTo() != null ? a.lastBilledTo() : firstPeriodStart(a, cutoff);
                read = a.end() != null && a.end().isBefore(cutoff) ? a.end() : cutoff;
                if ("WASTEWATER".equals(a.serviceType())) {
                    // no water billed at the premise on this bill: no volume
                    consumption = BigDecimal.ZERO;
                    wqa = account.wqa().get(a.id());
                }
            }
            if (!read.isAfter(previous)) {
                continue;
            }
            RatedService rated;
            try {
                rated = book.rate(new RatingRequest(a.rateSchedule(), previous, read, consumption, demand, wqa,
                        account.options().get(a.id())));
            } catch (BusinessRuleViolation e) {
                findings.add(new ComposedBill.Finding(a.id(), "RATING", true,
                        a.serviceType() + " " + a.rateSchedule() + ": " + e.getMessage()));
                continue;
            }
            ComposedBill.Service s = new ComposedBill.Service(a, previous, read, usage, consumption, wqa, rated);
            services.add(s);
            if ("WATER".equals(a.serviceType())) {
                waterByPremise.put(a.premiseId(), s);
            }
        }

        Money charges = Money.ZERO;
        Money tax = Money.ZERO;
        boolean estimated = false;
        LocalDate from = null;
        LocalDate to = null;
        for (ComposedBill.Service s : services) {
            charges = charges.plus(s.rated().charges());
            tax = tax.plus(s.rated().tax());
            estimated |= s.usage() != null && s.usage().estimated();
            LocalDate first = s.previousDate().plusDays(1);
            from = from == null || first.isBefore(from) ? first : from;
            to = to == null || s.readDate().isAfter(to) ? s.readDate() : to;
        }
        Money newTotal = charges.plus(tax);
        Money totalDue = account.balanceNow().plus(newTotal);
        Money adjustments = account.balanceNow().minus(account.previousBalance()).plus(account.paymentsSince());
        if (!services.isEmpty()) {
            if (account.averageBill() != null && account.averageBill().isPositive()
                    && newTotal.amount().compareTo(account.averageBill().amount().multiply(TWO)) > 0) {
                findings.add(new ComposedBill.Finding(null, "HIGH_BILL", false, "New charges " + newTotal
                        + " are more than twice the account's average bill " + account.averageBill()));
            }
            if (totalDue.isNegative()) {
                findings.add(new ComposedBill.Finding(null, "NEGATIVE_TOTAL", false, "Total due " + totalDue));
            }
        }
        return new ComposedBill(account, services, account.previousBalance(), account.paymentsSince(), adjustments,
                charges, tax, totalDue, estimated, from, to, findings);
    }

    /**
     * Where an unmetered service never billed starts: on the agreement's start date (the period runs from the day
     * after the previous date), however long ago, so the first bill is prorated by rule 4 of tariffs.md. An
     * agreement converted from an earlier system (such as the demo city's) was billed there, so its first bill
     * here covers at most the month before the cutoff.
     */
    static LocalDate firstPeriodStart(BillInputs.Agreement a, LocalDate cutoff) {
        LocalDate dayBefore = a.start().minusDays(1);
        if (!a.converted()) {
            return dayBefore;
        }
        LocalDate monthBack = cutoff.minusMonths(1);
        return dayBefore.isAfter(monthBack) ? dayBefore : monthBack;
    }

    /** A stopped agreement already billed to its end has nothing left to bill. */
    private static boolean finalBillDone(BillInputs.Agreement a) {
        return "STOPPED".equals(a.status()) && a.end() != null && a.lastBilledTo() != null
                && !a.lastBilledTo().isBefore(a.end());
    }

    private static String kindOf(String problem) {
        return switch (problem) {
            case "READ_EXCEPTION", "NO_METER" -> problem;
            default -> "MISSING_READ";
        };
    }
}

package org.civicdesk.billing.internal.adjust;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.billing.TariffBook;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Money;

/**
 * The wastewater fee adjustment's arithmetic, free of Spring: each chosen period is rated again with the tariff
 * book (the period's own dates, so the version in force then) and the corrected water volume or winter quarter
 * average; the difference to what was billed, per period and in total, is what the adjustment posts.
 */
final class WastewaterRecompute {

    /** A wastewater service as it was billed. */
    record BilledPeriod(long billServiceId, long billId, String rateSchedule, LocalDate periodFrom, LocalDate periodTo,
            int days, BigDecimal volume, BigDecimal wqa, Money billed) {
    }

    /** What staff typed for one period: a corrected volume, a corrected WQA, or both (null: keep the billed one). */
    record Correction(BigDecimal volume, BigDecimal wqa) {
    }

    /** The comparison shown before anything posts. */
    record Result(List<AdjustmentRequest.WastewaterPeriod> periods, Money billed, Money recomputed, Money difference) {
    }

    private WastewaterRecompute() {
    }

    /**
     * @param corrections by bill service id; periods without one are left out
     * @param fieldPrefix how the form names a period's inputs, e.g. volume[123]
     */
    static Result compute(TariffBook book, List<BilledPeriod> billed, Map<Long, Correction> corrections) {
        List<FieldProblem> problems = new ArrayList<>();
        List<AdjustmentRequest.WastewaterPeriod> rows = new ArrayList<>();
        Money billedSum = Money.ZERO;
        Money recomputedSum = Money.ZERO;
        for (BilledPeriod p : billed) {
            Correction c = corrections.get(p.billServiceId());
            if (c == null || (c.volume() == null && c.wqa() == null)) {
                continue;
            }
            if (c.volume() != null && (c.volume().signum() < 0 || c.volume().stripTrailingZeros().scale() > 4)) {
                problems.add(new FieldProblem("volume-" + p.billServiceId(),
                        "Give the corrected water volume in kgal (not negative), e.g. 6 or 6.5"));
                continue;
            }
            if (c.wqa() != null && (c.wqa().signum() < 0 || c.wqa().stripTrailingZeros().scale() > 2)) {
                problems.add(new FieldProblem("wqa-" + p.billServiceId(),
                        "Give the corrected winter quarter average in kgal with at most 2 decimals"));
                continue;
            }
            BigDecimal volume = c.volume() != null ? c.volume() : p.volume();
            BigDecimal wqa = c.wqa() != null ? c.wqa() : p.wqa();
            // tariffs.md rule 1: days = read date - previous read date, so the previous read is periodTo - days
            RatedService rated = book.rate(new RatingRequest(p.rateSchedule(), p.periodTo().minusDays(p.days()),
                    p.periodTo(), volume, null, wqa, Map.of()));
            Money recomputed = rated.total();
            Money difference = recomputed.minus(p.billed());
            billedSum = billedSum.plus(p.billed());
            recomputedSum = recomputedSum.plus(recomputed);
            rows.add(new AdjustmentRequest.WastewaterPeriod(p.billServiceId(), p.billId(), p.periodFrom().toString(),
                    p.periodTo().toString(), p.volume(), volume, p.wqa(), wqa, p.billed().amount(), recomputed.amount(),
                    difference.amount()));
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("billing.wastewater-invalid", problems.get(0).reason(), problems);
        }
        if (rows.isEmpty()) {
            throw new BusinessRuleViolation("billing.wastewater-nothing-corrected", "periods",
                    "Enter a corrected volume or winter quarter average for at least one period");
        }
        return new Result(rows, billedSum, recomputedSum, recomputedSum.minus(billedSum));
    }
}

package org.civicdesk.billing;

import java.util.List;
import org.civicdesk.platform.Money;

/**
 * The rating of one service for one bill period: its lines, its tax by jurisdiction and the ledger fund it
 * belongs to.
 *
 * @param days period days (tariffs.md rule 1)
 * @param fund the GL fund (irrigation and hydrant water post to WATER)
 */
public record RatedService(String rateSchedule, String serviceType, String fund, int days, List<RatedLine> lines,
        List<TaxLine> taxes) {

    public RatedService {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
    }

    public Money charges() {
        return lines.stream().map(RatedLine::amount).reduce(Money.ZERO, Money::plus);
    }

    public Money tax() {
        return taxes.stream().map(TaxLine::amount).reduce(Money.ZERO, Money::plus);
    }

    public Money total() {
        return charges().plus(tax());
    }
}

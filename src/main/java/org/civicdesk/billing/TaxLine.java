package org.civicdesk.billing;

import java.math.BigDecimal;
import org.civicdesk.platform.Money;

/**
 * Tax on one service of one bill, for one jurisdiction (STATE, COUNTY, CITY). The parts of one service add
 * up to the combined tax of tariffs.md rule 6.
 *
 * @param rate a fraction, e.g. 0.0560
 */
public record TaxLine(String jurisdiction, BigDecimal rate, Money base, Money amount, long rateId) {
}

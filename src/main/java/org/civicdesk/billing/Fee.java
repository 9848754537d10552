package org.civicdesk.billing;

import java.time.LocalDate;
import org.civicdesk.platform.Money;

/**
 * One version of a city fee: its amount from a date on, the GL fund and account it is revenue of, and where
 * the figure comes from (a public source or 'illustrative').
 */
public record Fee(String code, String description, Money amount, String fundCode, String revenueAccount,
        LocalDate effectiveFrom, String source) {
}

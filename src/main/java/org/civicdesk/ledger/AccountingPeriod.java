package org.civicdesk.ledger;

import java.time.Instant;
import java.time.YearMonth;

/** A month of the ledger; open unless closed. The last change says who and why. */
public record AccountingPeriod(YearMonth month, boolean closed, Instant changedAt, String changedBy, String reason) {
}

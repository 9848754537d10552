package org.civicdesk.ledger;

import java.time.LocalDate;
import org.civicdesk.platform.Money;

/** One row of a list of journal entries. */
public record EntrySummary(long id, LocalDate businessDate, String source, String memo, Money total, String funds,
        Long reversesEntryId, Long reversedByEntryId, String postedBy) {
}

package org.civicdesk.ledger;

import java.time.LocalDate;
import java.util.Set;

/** A journal entry was posted (not published again for a replay of the same idempotency key). */
public record JournalEntryPosted(long entryId, String idempotencyKey, LocalDate businessDate, String source,
        Long reversesEntryId, Set<String> funds, Set<Long> receivableIds) {
}

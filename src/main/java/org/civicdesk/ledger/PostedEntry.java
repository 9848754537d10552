package org.civicdesk.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.Money;

/**
 * A journal entry as stored.
 *
 * @param replayed true when this call found the entry already posted under the same key with the same content
 * @param reversedByEntryId the reversal entry, if the entry was reversed
 */
public record PostedEntry(long id, String idempotencyKey, LocalDate businessDate, String source, String memo,
        Long reversesEntryId, Long reversedByEntryId, Instant postedAt, String postedBy, List<Line> lines,
        boolean replayed) {

    public PostedEntry {
        lines = List.copyOf(lines);
    }

    /** One line; the receivable balances are those just before and after this line. */
    public record Line(int lineNo, Account account, Side side, Money amount, Long receivableId, LocalDate dueDate,
            String memo, Money receivableBalanceBefore, Money receivableBalanceAfter) {

        public Money debit() {
            return side == Side.DEBIT ? amount : Money.ZERO;
        }

        public Money credit() {
            return side == Side.CREDIT ? amount : Money.ZERO;
        }
    }

    public Money totalDebits() {
        return lines.stream().map(Line::debit).reduce(Money.ZERO, Money::plus);
    }

    /** The same entry, marked as found again under its idempotency key. */
    public PostedEntry asReplay() {
        return new PostedEntry(id, idempotencyKey, businessDate, source, memo, reversesEntryId, reversedByEntryId,
                postedAt, postedBy, lines, true);
    }
}

package org.civicdesk.ledger.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.ledger.AccountingPeriod;
import org.civicdesk.ledger.Aging;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.ReceivableBalance;
import org.civicdesk.ledger.TrialBalance;
import org.civicdesk.platform.Money;

/** The JSON shapes of the ledger API: amounts as decimal numbers with two places. */
final class LedgerJson {

    private LedgerJson() {
    }

    record Entry(long id, String idempotencyKey, LocalDate businessDate, String source, String memo,
            Long reversesEntryId, Long reversedByEntryId, Instant postedAt, String postedBy, BigDecimal totalDebits,
            List<Line> lines) {

        static Entry of(PostedEntry e) {
            return new Entry(e.id(), e.idempotencyKey(), e.businessDate(), e.source(), e.memo(), e.reversesEntryId(),
                    e.reversedByEntryId(), e.postedAt(), e.postedBy(), e.totalDebits().amount(),
                    e.lines().stream().map(Line::of).toList());
        }
    }

    record Line(int lineNo, String fund, String account, String accountName, String side, BigDecimal amount,
            Long receivableId, LocalDate dueDate, String memo, BigDecimal receivableBalanceBefore,
            BigDecimal receivableBalanceAfter) {

        static Line of(PostedEntry.Line l) {
            return new Line(l.lineNo(), l.account().fund(), l.account().code(), l.account().name(), l.side().name(),
                    l.amount().amount(), l.receivableId(), l.dueDate(), l.memo(), LedgerJson.amount(l.receivableBalanceBefore()),
                    LedgerJson.amount(l.receivableBalanceAfter()));
        }
    }

    record TrialBalanceRow(String account, String name, String type, String normalBalance, BigDecimal debits,
            BigDecimal credits, BigDecimal balance) {
    }

    record Trial(String fund, String fundName, LocalDate asOf, List<TrialBalanceRow> rows, BigDecimal totalDebits,
            BigDecimal totalCredits, boolean balanced) {

        static Trial of(TrialBalance tb) {
            return new Trial(tb.fund().code(), tb.fund().name(), tb.asOf(), tb.rows().stream()
                    .map(r -> new TrialBalanceRow(r.account().code(), r.account().name(), r.account().type().name(),
                            r.account().normalBalance().name(), r.debits().amount(), r.credits().amount(),
                            r.balance().amount()))
                    .toList(), tb.totalDebits().amount(), tb.totalCredits().amount(), tb.balanced());
        }
    }

    record AgingJson(LocalDate asOf, BigDecimal current, BigDecimal days1To30, BigDecimal days31To60,
            BigDecimal days61To90, BigDecimal over90, BigDecimal unappliedCredit, BigDecimal balance) {

        static AgingJson of(Aging a) {
            return new AgingJson(a.asOf(), a.current().amount(), a.days1To30().amount(), a.days31To60().amount(),
                    a.days61To90().amount(), a.over90().amount(), a.unappliedCredit().amount(), a.balance().amount());
        }
    }

    record Receivable(long id, String type, String fund, String reference, String name, BigDecimal balance,
            long lineCount, AgingJson aging) {

        static Receivable of(ReceivableBalance b) {
            return new Receivable(b.receivable().id(), b.receivable().type(), b.receivable().fund(),
                    b.receivable().reference(), b.receivable().name(), b.balance().amount(), b.lineCount(),
                    AgingJson.of(b.aging()));
        }
    }

    record Period(String month, boolean closed, Instant changedAt, String changedBy, String reason) {

        static Period of(AccountingPeriod p) {
            return new Period(p.month().toString(), p.closed(), p.changedAt(), p.changedBy(), p.reason());
        }
    }

    private static BigDecimal amount(Money m) {
        return m == null ? null : m.amount();
    }
}

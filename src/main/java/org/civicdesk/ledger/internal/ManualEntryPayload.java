package org.civicdesk.ledger.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Side;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Money;

/**
 * A manual journal entry as staff typed it; stored as JSON while it waits for approval.
 *
 * @param idempotencyKey made when the form was shown, so a second click does not post twice
 */
public record ManualEntryPayload(String idempotencyKey, LocalDate businessDate, String memo, List<Line> lines) {

    public record Line(String fund, String account, Side side, BigDecimal amount, Long receivableId) {
    }

    public ManualEntryPayload {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The entry to post; refuses what does not balance or is missing, naming each line's field. */
    public JournalEntryRequest toRequest() {
        List<FieldProblem> problems = new ArrayList<>();
        List<JournalLineRequest> requests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            String at = "lines[" + i + "].";
            if (l.amount() == null || l.amount().stripTrailingZeros().scale() > Money.SCALE) {
                problems.add(new FieldProblem(at + "amount", "Give an amount in dollars and cents, e.g. 125.40"));
                continue;
            }
            try {
                requests.add(new JournalLineRequest(l.fund(), l.account(), l.side(), Money.of(l.amount()),
                        l.receivableId(), null, null));
            } catch (BusinessRuleViolation e) {
                e.problems().forEach(p -> problems.add(new FieldProblem(at + p.field(), p.reason())));
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("ledger.invalid-lines", "The entry cannot be posted: " + problems.get(0).reason(),
                    problems);
        }
        return new JournalEntryRequest(idempotencyKey, businessDate, "manual", memo, requests);
    }

    public Money total() {
        return lines.stream()
                .filter(l -> l.side() == Side.DEBIT && l.amount() != null)
                .map(l -> Money.round(l.amount()))
                .reduce(Money.ZERO, Money::plus);
    }
}

package org.civicdesk.ledger;

import java.time.LocalDate;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;

/**
 * One line of a journal entry to post: a positive amount debited or credited to an account of a fund.
 * A line to a fund's receivables control account names the receivable; a receivable debit may carry the
 * date it falls due (aging), otherwise it is due on the entry's date.
 */
public record JournalLineRequest(String fund, String account, Side side, Money amount, Long receivableId,
        LocalDate dueDate, String memo) {

    public JournalLineRequest {
        if (fund == null || fund.isBlank()) {
            throw new BusinessRuleViolation("ledger.fund-required", "fund", "Name the fund of the line");
        }
        if (account == null || account.isBlank()) {
            throw new BusinessRuleViolation("ledger.account-required", "account", "Name the account of the line");
        }
        if (side == null) {
            throw new BusinessRuleViolation("ledger.side-required", "side", "Say whether the line is a debit or a credit");
        }
        if (amount == null || !amount.isPositive()) {
            throw new BusinessRuleViolation("ledger.amount-not-positive", "amount",
                    "The amount of a line must be more than zero; use the other side instead of a negative amount");
        }
        if (dueDate != null && (side != Side.DEBIT || receivableId == null)) {
            throw new BusinessRuleViolation("ledger.due-date-misplaced", "dueDate",
                    "Only a debit to a receivable has a due date");
        }
        fund = fund.trim();
        account = account.trim();
        memo = memo == null || memo.isBlank() ? null : memo.trim();
    }

    public static JournalLineRequest debit(String fund, String account, Money amount) {
        return new JournalLineRequest(fund, account, Side.DEBIT, amount, null, null, null);
    }

    public static JournalLineRequest credit(String fund, String account, Money amount) {
        return new JournalLineRequest(fund, account, Side.CREDIT, amount, null, null, null);
    }

    /** The same line, naming the receivable it posts to. */
    public JournalLineRequest receivable(long id) {
        return new JournalLineRequest(fund, account, side, amount, id, dueDate, memo);
    }

    /** The same line, falling due on the given date. */
    public JournalLineRequest due(LocalDate date) {
        return new JournalLineRequest(fund, account, side, amount, receivableId, date, memo);
    }

    public JournalLineRequest memo(String text) {
        return new JournalLineRequest(fund, account, side, amount, receivableId, dueDate, text);
    }

    public Money debit() {
        return side == Side.DEBIT ? amount : Money.ZERO;
    }

    public Money credit() {
        return side == Side.CREDIT ? amount : Money.ZERO;
    }
}

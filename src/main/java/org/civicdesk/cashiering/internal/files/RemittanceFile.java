package org.civicdesk.cashiering.internal.files;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.civicdesk.platform.Money;

/**
 * A parsed lockbox remittance file (cashiering.md): one batch, its payment lines and, when the file carries a
 * trailer, the control totals the lockbox declared.
 */
public record RemittanceFile(String batchId, List<Line> lines, Optional<ControlTotals> trailer) {

    /**
     * One payment line as the lockbox sent it. The amount may be zero or negative: such a line is not a
     * format error, it goes to suspense.
     */
    public record Line(int lineNumber, String batchId, int sequence, String accountNumber, Money amount,
            LocalDate paymentDate, String checkNumber, String scanLine) {
    }

    /** A line count and an amount total. */
    public record ControlTotals(int lineCount, Money amountTotal) {
    }

    public ControlTotals actualTotals() {
        Money total = Money.ZERO;
        for (Line line : lines) {
            total = total.plus(line.amount());
        }
        return new ControlTotals(lines.size(), total);
    }
}

package org.civicdesk.cashiering.internal.files;

import org.civicdesk.platform.BusinessRuleViolation;

/**
 * A payment file refused whole: the first line that breaks the format and why. Nothing of such a file is
 * applied. Shown as a 422 problem naming the field 'file'.
 */
public class MalformedPaymentFile extends BusinessRuleViolation {

    private final int lineNumber;
    private final String detail;

    public MalformedPaymentFile(String format, int lineNumber, String detail) {
        super("cashiering.malformed-file", "file",
                format + " file rejected whole: " + (lineNumber > 0 ? "line " + lineNumber + ": " : "") + detail);
        this.lineNumber = lineNumber;
        this.detail = detail;
    }

    /** The 1-based line of the first problem, or 0 for a problem with the whole file (e.g. empty). */
    public int lineNumber() {
        return lineNumber;
    }

    public String detail() {
        return detail;
    }
}

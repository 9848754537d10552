package org.civicdesk.cashiering.internal.files;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicdesk.platform.Money;

/**
 * Reads the lockbox CSV of cashiering.md. The header is fixed; every line belongs to the one batch; sequences
 * are unique; an optional last line 'TRAILER,line count,amount total' declares control totals, which must match,
 * as must totals given with the upload. Any breach rejects the whole file with its line number.
 */
public final class RemittanceFileParser {

    static final String FORMAT = "Remittance";
    public static final String HEADER = "batch_id,sequence,account_number,amount,payment_date,check_number,scan_line";
    private static final Pattern AMOUNT = Pattern.compile("-?[0-9]{1,10}(\\.[0-9]{1,2})?");
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final int COLUMNS = 7;

    private RemittanceFileParser() {
    }

    public static RemittanceFile parse(String text) {
        return parse(text, Optional.empty());
    }

    /**
     * @param expected control totals typed with the upload, if any
     */
    public static RemittanceFile parse(String text, Optional<RemittanceFile.ControlTotals> expected) {
        List<String> lines = FileText.lines(text, FORMAT);
        if (!HEADER.equals(lines.get(0).strip())) {
            throw fail(1, "the header must be '" + HEADER + "'");
        }
        List<RemittanceFile.Line> payments = new ArrayList<>();
        Optional<RemittanceFile.ControlTotals> trailer = Optional.empty();
        Set<Integer> sequences = new HashSet<>();
        String batchId = null;
        for (int i = 1; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String raw = lines.get(i);
            if (raw.isBlank()) {
                throw fail(lineNumber, "empty line inside the file");
            }
            List<String> fields = splitCsv(raw, lineNumber);
            if (fields.get(0).strip().equalsIgnoreCase("TRAILER")) {
                if (i != lines.size() - 1) {
                    throw fail(lineNumber, "the TRAILER line must be the last line");
                }
                trailer = Optional.of(trailer(fields, lineNumber));
                continue;
            }
            if (fields.size() != COLUMNS) {
                throw fail(lineNumber, "expected " + COLUMNS + " columns, found " + fields.size());
            }
            String lineBatch = fields.get(0).strip();
            if (!BATCH_ID.matcher(lineBatch).matches()) {
                throw fail(lineNumber, "batch_id must be 1 to 40 letters, digits, '.', '_' or '-'");
            }
            if (batchId == null) {
                batchId = lineBatch;
            } else if (!batchId.equals(lineBatch)) {
                throw fail(lineNumber, "batch_id '" + lineBatch + "' differs from the file's batch '" + batchId + "'");
            }
            int sequence = positiveInt(fields.get(1).strip(), "sequence", lineNumber);
            if (!sequences.add(sequence)) {
                throw fail(lineNumber, "sequence " + sequence + " appears twice");
            }
            String amountText = fields.get(3).strip();
            if (!AMOUNT.matcher(amountText).matches()) {
                throw fail(lineNumber, "amount '" + abbreviate(amountText) + "' is not a dollar amount like 72.40");
            }
            Money amount = Money.of(new BigDecimal(amountText));
            LocalDate paymentDate;
            try {
                paymentDate = LocalDate.parse(fields.get(4).strip());
            } catch (DateTimeParseException e) {
                throw fail(lineNumber, "payment_date '" + abbreviate(fields.get(4)) + "' is not a date like 2026-03-02");
            }
            String account = fields.get(2).strip();
            String check = fields.get(5).strip();
            String scan = fields.get(6).strip();
            if (account.length() > 40 || check.length() > 40 || scan.length() > 60) {
                throw fail(lineNumber, "account_number, check_number or scan_line is too long");
            }
            payments.add(new RemittanceFile.Line(lineNumber, lineBatch, sequence, account, amount, paymentDate, check,
                    scan));
        }
        if (payments.isEmpty()) {
            throw fail(lines.size(), "the file has no payment lines");
        }
        RemittanceFile file = new RemittanceFile(batchId, List.copyOf(payments), trailer);
        RemittanceFile.ControlTotals actual = file.actualTotals();
        if (trailer.isPresent()) {
            checkTotals(actual, trailer.get(), lines.size(), "the trailer");
        }
        if (expected.isPresent()) {
            checkTotals(actual, expected.get(), 0, "the totals given with the upload");
        }
        return file;
    }

    private static void checkTotals(RemittanceFile.ControlTotals actual, RemittanceFile.ControlTotals declared,
            int lineNumber, String source) {
        if (actual.lineCount() != declared.lineCount()) {
            throw fail(lineNumber, "the file has " + actual.lineCount() + " payment lines but " + source + " says "
                    + declared.lineCount());
        }
        if (actual.amountTotal().compareTo(declared.amountTotal()) != 0) {
            throw fail(lineNumber, "the payment lines total " + actual.amountTotal().formatted() + " but " + source
                    + " says " + declared.amountTotal().formatted());
        }
    }

    private static RemittanceFile.ControlTotals trailer(List<String> fields, int lineNumber) {
        for (int i = 3; i < fields.size(); i++) {
            if (!fields.get(i).isBlank()) {
                throw fail(lineNumber, "the TRAILER line is 'TRAILER,line count,amount total'");
            }
        }
        if (fields.size() < 3) {
            throw fail(lineNumber, "the TRAILER line is 'TRAILER,line count,amount total'");
        }
        int count = nonNegativeInt(fields.get(1).strip(), "the trailer's line count", lineNumber);
        String total = fields.get(2).strip();
        if (!AMOUNT.matcher(total).matches()) {
            throw fail(lineNumber, "the trailer's amount total '" + abbreviate(total) + "' is not a dollar amount");
        }
        return new RemittanceFile.ControlTotals(count, Money.of(new BigDecimal(total)));
    }

    private static int positiveInt(String text, String what, int lineNumber) {
        int value = nonNegativeInt(text, what, lineNumber);
        if (value == 0) {
            throw fail(lineNumber, what + " must be a positive whole number");
        }
        return value;
    }

    private static int nonNegativeInt(String text, String what, int lineNumber) {
        if (!FileText.digits(text) || text.length() > 9) {
            throw fail(lineNumber, what + " '" + abbreviate(text) + "' is not a whole number");
        }
        return Integer.parseInt(text);
    }

    /** RFC 4180 fields: commas separate, double quotes may enclose a field and are doubled inside it. */
    static List<String> splitCsv(String line, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw fail(lineNumber, "a double quote in the middle of a field");
                }
                quoted = true;
                wasQuoted = true;
            } else {
                if (wasQuoted) {
                    throw fail(lineNumber, "text after a closing double quote");
                }
                field.append(c);
            }
            if (fields.size() > 64) {
                throw fail(lineNumber, "too many columns");
            }
        }
        if (quoted) {
            throw fail(lineNumber, "a double quote is not closed");
        }
        fields.add(field.toString());
        return fields;
    }

    private static String abbreviate(String text) {
        return text.length() > 30 ? text.substring(0, 30) + "..." : text;
    }

    private static MalformedPaymentFile fail(int lineNumber, String reason) {
        return new MalformedPaymentFile(FORMAT, lineNumber, reason);
    }
}

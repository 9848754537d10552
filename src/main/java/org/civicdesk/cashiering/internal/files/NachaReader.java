package org.civicdesk.cashiering.internal.files;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a NACHA file (returns from the city's bank, or any ACH file) and checks it whole: 94-character records
 * in the order file header, (batch header, entries with their addenda, batch control)*, file control, then
 * only padding; every batch control and the file control must match their entries (entry and addenda count,
 * entry hash, total debits and credits) and the block count. The first breach rejects the file.
 */
public final class NachaReader {

    static final String FORMAT = "NACHA";
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private final List<String> lines;
    private int index;

    private NachaReader(List<String> lines) {
        this.lines = lines;
    }

    public static NachaFile read(String text) {
        return new NachaReader(FileText.lines(text, FORMAT)).file();
    }

    private NachaFile file() {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.length() != NachaRules.RECORD_LENGTH) {
                throw fail(i + 1, "a record has 94 characters, this one has " + line.length());
            }
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (ch < 0x20 || ch > 0x7E) {
                    throw fail(i + 1, "character " + (c + 1) + " is not printable ASCII");
                }
            }
        }
        String header = lines.get(0);
        if (header.charAt(0) != '1') {
            throw fail(1, "the first record must be the file header (type 1), found type '" + header.charAt(0)
                    + "'");
        }
        expect(1, header, 2, 3, "01", "priority code");
        expect(1, header, 35, 37, "094", "record size");
        expect(1, header, 38, 39, "10", "blocking factor");
        expect(1, header, 40, 40, "1", "format code");
        LocalDate created = date(1, field(header, 24, 29), "file creation date");
        index = 1;
        List<NachaFile.Batch> batches = new ArrayList<>();
        while (true) {
            if (index >= lines.size()) {
                throw fail(lines.size(), "the file ends without a file control record (type 9)");
            }
            String line = lines.get(index);
            char type = line.charAt(0);
            if (type == '5') {
                batches.add(batch());
            } else if (type == '9' && !line.equals(NachaRules.PADDING)) {
                break;
            } else {
                throw fail(index + 1, "expected a batch header (type 5) or the file control (type 9), found type '"
                        + type + "'" + (type == '6' || type == '7' ? " outside a batch" : ""));
            }
        }
        int controlLine = index + 1;
        String control = lines.get(index);
        index++;
        for (int i = index; i < lines.size(); i++) {
            if (!lines.get(i).equals(NachaRules.PADDING)) {
                throw fail(i + 1, "only padding records of 9s may follow the file control");
            }
        }
        long entryAddenda = 0;
        long hash = 0;
        long debits = 0;
        long credits = 0;
        for (NachaFile.Batch batch : batches) {
            for (NachaFile.Entry entry : batch.entries()) {
                entryAddenda += 1 + entry.addenda().size();
                hash += Long.parseLong(entry.receivingDfi());
                if (entry.debit()) {
                    debits += entry.amountCents();
                } else {
                    credits += entry.amountCents();
                }
            }
        }
        int records = controlLine;
        long blocks = (records + NachaRules.BLOCKING_FACTOR - 1) / NachaRules.BLOCKING_FACTOR;
        compare(controlLine, "batch count", number(controlLine, control, 2, 7, "batch count"), batches.size());
        compare(controlLine, "block count", number(controlLine, control, 8, 13, "block count"), blocks);
        compare(controlLine, "entry and addenda count", number(controlLine, control, 14, 21, "entry count"),
                entryAddenda);
        compare(controlLine, "entry hash", number(controlLine, control, 22, 31, "entry hash"), hash % 10_000_000_000L);
        compare(controlLine, "total debit amount", number(controlLine, control, 32, 43, "total debit"), debits);
        compare(controlLine, "total credit amount", number(controlLine, control, 44, 55, "total credit"), credits);
        return new NachaFile(field(header, 4, 13).strip(), field(header, 14, 23).strip(), created,
                field(header, 41, 63).strip(), field(header, 64, 86).strip(), List.copyOf(batches), debits, credits);
    }

    private NachaFile.Batch batch() {
        int headerLine = index + 1;
        String header = lines.get(index);
        String serviceClass = field(header, 2, 4);
        if (!serviceClass.equals("200") && !serviceClass.equals("220") && !serviceClass.equals("225")) {
            throw fail(headerLine, "service class code '" + serviceClass + "' is not 200, 220 or 225");
        }
        String effective = field(header, 70, 75);
        Optional<LocalDate> effectiveDate = effective.isBlank() || effective.equals("000000") ? Optional.empty()
                : Optional.of(date(headerLine, effective, "effective entry date"));
        String batchNumber = field(header, 88, 94);
        number(headerLine, header, 88, 94, "batch number");
        index++;
        List<NachaFile.Entry> entries = new ArrayList<>();
        while (true) {
            if (index >= lines.size()) {
                throw fail(lines.size(), "batch " + batchNumber + " (line " + headerLine
                        + ") ends without its batch control record (type 8)");
            }
            String line = lines.get(index);
            char type = line.charAt(0);
            if (type == '6') {
                entries.add(entry(serviceClass));
            } else if (type == '8') {
                break;
            } else if (type == '7') {
                throw fail(index + 1, "an addenda record (type 7) must follow an entry with addenda indicator 1");
            } else {
                throw fail(index + 1, "batch " + batchNumber + " (line " + headerLine
                        + ") has no batch control record (type 8) before this type '" + type + "' record");
            }
        }
        int controlLine = index + 1;
        String control = lines.get(index);
        index++;
        if (!field(control, 2, 4).equals(serviceClass)) {
            throw fail(controlLine, "the batch control's service class code differs from its batch header's");
        }
        if (!field(control, 88, 94).equals(batchNumber)) {
            throw fail(controlLine, "the batch control's batch number differs from its batch header's");
        }
        long count = 0;
        long hash = 0;
        long debits = 0;
        long credits = 0;
        for (NachaFile.Entry entry : entries) {
            count += 1 + entry.addenda().size();
            hash += Long.parseLong(entry.receivingDfi());
            if (entry.debit()) {
                debits += entry.amountCents();
            } else {
                credits += entry.amountCents();
            }
        }
        compare(controlLine, "entry and addenda count", number(controlLine, control, 5, 10, "entry count"), count);
        compare(controlLine, "entry hash", number(controlLine, control, 11, 20, "entry hash"), hash % 10_000_000_000L);
        compare(controlLine, "total debit amount", number(controlLine, control, 21, 32, "total debit"), debits);
        compare(controlLine, "total credit amount", number(controlLine, control, 33, 44, "total credit"), credits);
        return new NachaFile.Batch(headerLine, serviceClass, field(header, 5, 20).strip(),
                field(header, 41, 50).strip(), field(header, 51, 53), field(header, 54, 63).strip(), effectiveDate,
                field(header, 80, 87), batchNumber, List.copyOf(entries));
    }

    private NachaFile.Entry entry(String serviceClass) {
        int lineNumber = index + 1;
        String line = lines.get(index);
        String code = field(line, 2, 3);
        if (!NachaRules.isKnownTransactionCode(code)) {
            throw fail(lineNumber, "transaction code '" + code + "' is not a NACHA transaction code");
        }
        if (serviceClass.equals("220") && NachaRules.isDebit(code)
                || serviceClass.equals("225") && !NachaRules.isDebit(code)) {
            throw fail(lineNumber, "transaction code " + code + " does not belong in a batch of service class "
                    + serviceClass);
        }
        String dfi = field(line, 4, 11);
        number(lineNumber, line, 4, 12, "receiving DFI identification and check digit");
        long amount = number(lineNumber, line, 30, 39, "amount");
        String trace = field(line, 80, 94);
        number(lineNumber, line, 80, 94, "trace number");
        char indicator = line.charAt(78);
        if (indicator != '0' && indicator != '1') {
            throw fail(lineNumber, "the addenda record indicator must be 0 or 1");
        }
        index++;
        List<NachaFile.Addenda> addenda = new ArrayList<>();
        while (index < lines.size() && lines.get(index).charAt(0) == '7') {
            if (indicator != '1') {
                throw fail(index + 1, "an addenda record follows an entry whose addenda indicator is 0");
            }
            addenda.add(addenda(index + 1, lines.get(index)));
            index++;
        }
        if (indicator == '1' && addenda.isEmpty()) {
            throw fail(lineNumber, "the entry's addenda indicator is 1 but no addenda record follows");
        }
        return new NachaFile.Entry(lineNumber, code, dfi, field(line, 12, 12), field(line, 13, 29).strip(), amount,
                field(line, 40, 54).strip(), field(line, 55, 76).strip(), field(line, 77, 78), trace,
                List.copyOf(addenda));
    }

    private NachaFile.Addenda addenda(int lineNumber, String line) {
        String typeCode = field(line, 2, 3);
        if (!typeCode.equals("99")) {
            if (!FileText.digits(typeCode)) {
                throw fail(lineNumber, "addenda type code '" + typeCode + "' is not numeric");
            }
            return new NachaFile.OtherAddenda(lineNumber, typeCode, field(line, 4, 83).strip());
        }
        String reason = field(line, 4, 6);
        if (reason.charAt(0) != 'R' || !FileText.digits(reason.substring(1))) {
            throw fail(lineNumber, "return reason code '" + reason + "' is not R followed by two digits");
        }
        String originalTrace = field(line, 7, 21);
        number(lineNumber, line, 7, 21, "original entry trace number");
        String trace = field(line, 80, 94);
        number(lineNumber, line, 80, 94, "trace number");
        Optional<String> originalReturnReason = Optional.empty();
        String information;
        if (NachaRules.isDishonoredOrContested(reason)) {
            String original = field(line, 57, 58);
            if (!FileText.digits(original)) {
                throw fail(lineNumber, "the dishonored return's original return reason code '" + original
                        + "' is not two digits");
            }
            originalReturnReason = Optional.of("R" + original);
            information = field(line, 59, 79).strip();
        } else {
            information = field(line, 36, 79).strip();
        }
        return new NachaFile.ReturnAddenda(lineNumber, reason, originalTrace, field(line, 28, 35), information,
                trace, originalReturnReason);
    }

    /** Characters from..to, 1-based and inclusive, as the NACHA rules number them. */
    private static String field(String line, int from, int to) {
        return line.substring(from - 1, to);
    }

    private static void expect(int lineNumber, String line, int from, int to, String expected, String what) {
        String actual = field(line, from, to);
        if (!actual.equals(expected)) {
            throw fail(lineNumber, what + " must be '" + expected + "', found '" + actual + "'");
        }
    }

    private static long number(int lineNumber, String line, int from, int to, String what) {
        String text = field(line, from, to);
        if (!FileText.digits(text)) {
            throw fail(lineNumber, what + " (positions " + from + "-" + to + ") must be digits, found '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private static LocalDate date(int lineNumber, String text, String what) {
        try {
            return LocalDate.parse(text, YYMMDD);
        } catch (DateTimeParseException e) {
            throw fail(lineNumber, what + " '" + text + "' is not a date YYMMDD");
        }
    }

    private static void compare(int lineNumber, String what, long declared, long actual) {
        if (declared != actual) {
            throw fail(lineNumber, "the control's " + what + " is " + declared + " but the records give " + actual);
        }
    }

    private static MalformedPaymentFile fail(int lineNumber, String reason) {
        return new MalformedPaymentFile(FORMAT, lineNumber, reason);
    }
}

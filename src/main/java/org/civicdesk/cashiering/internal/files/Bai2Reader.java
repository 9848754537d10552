package org.civicdesk.cashiering.internal.files;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a BAI2 prior-day file and checks it whole: records 01, (02, (03, 16*, 49)*, 98)*, 99, each possibly
 * continued by 88 records (whose fields join the record they continue); account (49), group (98) and file (99)
 * controls must match the amounts and record counts. The first breach rejects the file.
 */
public final class Bai2Reader {

    static final String FORMAT = "BAI2";
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_FIELDS = 10_000;

    /** A record with its 88 continuations joined; lineNumber is the first line, physicalLines the count. */
    private record LogicalRecord(int lineNumber, String code, String body, int physicalLines) {
    }

    private final List<LogicalRecord> records;
    private int index;

    private Bai2Reader(List<LogicalRecord> records) {
        this.records = records;
    }

    public static Bai2File read(String text) {
        return new Bai2Reader(join(FileText.lines(text, FORMAT))).file();
    }

    private static List<LogicalRecord> join(List<String> lines) {
        List<LogicalRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).stripTrailing();
            if (line.length() < 2 || !FileText.digits(line.substring(0, 2))
                    || line.length() > 2 && line.charAt(2) != ',' && line.charAt(2) != '/') {
                throw fail(lineNumber, "a record starts with a two-digit record code and a comma");
            }
            String code = line.substring(0, 2);
            String body = line.length() > 3 ? line.substring(3) : "";
            if (body.endsWith("/")) {
                body = body.substring(0, body.length() - 1);
            }
            if (code.equals("88")) {
                if (records.isEmpty()) {
                    throw fail(lineNumber, "a continuation record (88) has no record to continue");
                }
                LogicalRecord previous = records.remove(records.size() - 1);
                records.add(new LogicalRecord(previous.lineNumber(), previous.code(), previous.body() + "," + body,
                        previous.physicalLines() + 1));
            } else {
                records.add(new LogicalRecord(lineNumber, code, body, 1));
            }
        }
        return records;
    }

    private Bai2File file() {
        LogicalRecord header = next("01", "the file must start with a file header (01)");
        Fields f = new Fields(header);
        String sender = f.next("sender identification");
        String receiver = f.next("receiver identification");
        LocalDate created = date(header, f.next("file creation date"), "file creation date");
        f.next("file creation time");
        String fileId = f.next("file identification number");
        f.next("physical record length");
        f.next("block size");
        String version = f.next("version number");
        if (!version.equals("2")) {
            throw fail(header.lineNumber(), "version number must be 2 (BAI2), found '" + version + "'");
        }
        long physical = header.physicalLines();
        long total = 0;
        List<Bai2File.Group> groups = new ArrayList<>();
        while (peek().equals("02")) {
            GroupResult group = group();
            groups.add(group.group());
            total += group.total();
            physical += group.physicalLines();
        }
        LogicalRecord trailer = next("99", "expected a group header (02) or the file trailer (99)");
        physical += trailer.physicalLines();
        Fields t = new Fields(trailer);
        check(trailer, "file control total", amount(trailer, t.next("file control total")), total);
        check(trailer, "number of groups", count(trailer, t.next("number of groups")), groups.size());
        check(trailer, "file's number of records", count(trailer, t.next("number of records")), physical);
        if (index < records.size()) {
            throw fail(records.get(index).lineNumber(), "nothing may follow the file trailer (99)");
        }
        return new Bai2File(sender, receiver, created, fileId, List.copyOf(groups));
    }

    private record GroupResult(Bai2File.Group group, long total, long physicalLines) {
    }

    private GroupResult group() {
        LogicalRecord header = next("02", "expected a group header (02)");
        Fields f = new Fields(header);
        String receiver = f.next("ultimate receiver identification");
        String originator = f.next("originator identification");
        String status = f.next("group status");
        if (!status.matches("[1-4]")) {
            throw fail(header.lineNumber(), "group status must be 1 to 4, found '" + abbreviate(status) + "'");
        }
        LocalDate asOf = date(header, f.next("as-of date"), "as-of date");
        long physical = header.physicalLines();
        long total = 0;
        List<Bai2File.AccountStatement> accounts = new ArrayList<>();
        while (peek().equals("03")) {
            AccountResult account = account();
            accounts.add(account.account());
            total += account.total();
            physical += account.physicalLines();
        }
        LogicalRecord trailer = next("98", "expected an account identifier (03) or the group trailer (98)");
        physical += trailer.physicalLines();
        Fields t = new Fields(trailer);
        check(trailer, "group control total", amount(trailer, t.next("group control total")), total);
        check(trailer, "number of accounts", count(trailer, t.next("number of accounts")), accounts.size());
        check(trailer, "group's number of records", count(trailer, t.next("number of records")), physical);
        return new GroupResult(new Bai2File.Group(header.lineNumber(), receiver, originator, status, asOf,
                List.copyOf(accounts)), total, physical);
    }

    private record AccountResult(Bai2File.AccountStatement account, long total, long physicalLines) {
    }

    private AccountResult account() {
        LogicalRecord header = next("03", "expected an account identifier (03)");
        Fields f = new Fields(header);
        String accountNumber = f.next("customer account number");
        if (accountNumber.isEmpty()) {
            throw fail(header.lineNumber(), "the account identifier has no account number");
        }
        String currency = f.next("currency code");
        long total = 0;
        List<Bai2File.Summary> summaries = new ArrayList<>();
        while (f.hasMore()) {
            String type = f.next("type code");
            if (type.isEmpty()) {
                if (f.restBlank()) {
                    break;
                }
                throw fail(header.lineNumber(), "a summary has no type code");
            }
            typeCode(header, type);
            String amountText = f.next("amount");
            Long amount = amountText.isEmpty() ? null : amount(header, amountText);
            String itemText = f.next("item count");
            Integer items = itemText.isEmpty() ? null : (int) count(header, itemText);
            fundsType(header, f, f.next("funds type"));
            if (amount != null) {
                total += amount;
            }
            summaries.add(new Bai2File.Summary(type, amount, items));
        }
        long physical = header.physicalLines();
        List<Bai2File.Detail> details = new ArrayList<>();
        while (peek().equals("16")) {
            LogicalRecord record = next("16", "expected a transaction detail (16)");
            physical += record.physicalLines();
            Bai2File.Detail detail = detail(record);
            details.add(detail);
            total += detail.amountCents();
        }
        LogicalRecord trailer = next("49", "expected a transaction detail (16) or the account trailer (49)");
        physical += trailer.physicalLines();
        Fields t = new Fields(trailer);
        check(trailer, "account control total", amount(trailer, t.next("account control total")), total);
        check(trailer, "account's number of records", count(trailer, t.next("number of records")), physical);
        return new AccountResult(new Bai2File.AccountStatement(header.lineNumber(), accountNumber, currency,
                List.copyOf(summaries), List.copyOf(details)), total, physical);
    }

    private Bai2File.Detail detail(LogicalRecord record) {
        Fields f = new Fields(record);
        String type = f.next("type code");
        typeCode(record, type);
        String amountText = f.next("amount");
        if (!FileText.digits(amountText) || amountText.length() > 18) {
            throw fail(record.lineNumber(), "a transaction amount is unsigned digits, found '"
                    + abbreviate(amountText) + "'");
        }
        long amount = Long.parseLong(amountText);
        String funds = f.next("funds type");
        fundsType(record, f, funds);
        String bankReference = f.next("bank reference number");
        String customerReference = f.next("customer reference number");
        String text = f.rest().strip();
        return new Bai2File.Detail(record.lineNumber(), type, amount, funds, bankReference, customerReference, text);
    }

    /** Consumes the funds availability that follows a funds type. */
    private void fundsType(LogicalRecord record, Fields f, String funds) {
        switch (funds) {
            case "", "0", "1", "2", "Z" -> {
            }
            case "S" -> {
                for (String what : List.of("immediate availability", "one-day availability",
                        "more than one-day availability")) {
                    String value = f.next(what);
                    if (!value.isEmpty()) {
                        amount(record, value);
                    }
                }
            }
            case "V" -> {
                date(record, f.next("value date"), "value date");
                String time = f.next("value time");
                if (!time.isEmpty() && !time.matches("[0-9]{4}")) {
                    throw fail(record.lineNumber(), "value time '" + abbreviate(time) + "' is not HHMM");
                }
            }
            case "D" -> {
                long distributions = count(record, f.next("number of distributions"));
                if (distributions > 100) {
                    throw fail(record.lineNumber(), "more than 100 availability distributions");
                }
                for (long i = 0; i < distributions; i++) {
                    count(record, f.next("availability days"));
                    amount(record, f.next("available amount"));
                }
            }
            default -> throw fail(record.lineNumber(), "funds type '" + abbreviate(funds)
                    + "' is not 0, 1, 2, S, V, D or Z");
        }
    }

    private String peek() {
        return index < records.size() ? records.get(index).code() : "";
    }

    private LogicalRecord next(String code, String expectation) {
        if (index >= records.size()) {
            int last = records.isEmpty() ? 0 : records.get(records.size() - 1).lineNumber();
            throw fail(last, "the file ends early: " + expectation);
        }
        LogicalRecord record = records.get(index);
        if (!record.code().equals(code)) {
            throw fail(record.lineNumber(), expectation + ", found record code " + record.code());
        }
        index++;
        return record;
    }

    private static void typeCode(LogicalRecord record, String type) {
        if (type.length() != 3 || !FileText.digits(type)) {
            throw fail(record.lineNumber(), "type code '" + abbreviate(type) + "' is not three digits");
        }
    }

    private static long amount(LogicalRecord record, String text) {
        String digits = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        if (!FileText.digits(digits) || digits.length() > 18) {
            throw fail(record.lineNumber(), "amount '" + abbreviate(text) + "' is not a signed whole number");
        }
        long value = Long.parseLong(digits);
        return text.startsWith("-") ? -value : value;
    }

    private static long count(LogicalRecord record, String text) {
        if (!FileText.digits(text) || text.length() > 9) {
            throw fail(record.lineNumber(), "'" + abbreviate(text) + "' is not a count");
        }
        return Long.parseLong(text);
    }

    private static LocalDate date(LogicalRecord record, String text, String what) {
        try {
            return LocalDate.parse(text, YYMMDD);
        } catch (DateTimeParseException e) {
            throw fail(record.lineNumber(), what + " '" + abbreviate(text) + "' is not a date YYMMDD");
        }
    }

    private static void check(LogicalRecord record, String what, long declared, long actual) {
        if (declared != actual) {
            throw fail(record.lineNumber(), "the " + what + " is " + declared + " but the records give " + actual);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 30 ? text.substring(0, 30) + "..." : text;
    }

    private static MalformedPaymentFile fail(int lineNumber, String reason) {
        return new MalformedPaymentFile(FORMAT, lineNumber, reason);
    }

    /** The comma-separated fields of a logical record, read in order; missing trailing fields read as empty. */
    private static final class Fields {
        private final LogicalRecord record;
        private final String body;
        private int position;
        private int read;

        Fields(LogicalRecord record) {
            this.record = record;
            this.body = record.body();
        }

        boolean hasMore() {
            return position < body.length();
        }

        boolean restBlank() {
            for (int i = position; i < body.length(); i++) {
                if (body.charAt(i) != ',' && body.charAt(i) != ' ') {
                    return false;
                }
            }
            return true;
        }

        String next(String what) {
            if (++read > MAX_FIELDS) {
                throw fail(record.lineNumber(), "too many fields");
            }
            if (position >= body.length()) {
                position = body.length() + 1;
                return "";
            }
            int comma = body.indexOf(',', position);
            String value;
            if (comma < 0) {
                value = body.substring(position);
                position = body.length() + 1;
            } else {
                value = body.substring(position, comma);
                position = comma + 1;
            }
            return value.strip();
        }

        /** The rest of the record as one field (the text of a 16 record may hold commas). */
        String rest() {
            if (position >= body.length()) {
                return "";
            }
            String value = body.substring(position);
            position = body.length() + 1;
            return value;
        }
    }
}

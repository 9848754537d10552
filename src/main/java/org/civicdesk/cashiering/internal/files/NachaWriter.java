package org.civicdesk.cashiering.internal.files;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a debit file (service class 225, transaction codes 27/37) of one PPD or WEB batch with batch and file
 * controls, padded with 9s to blocks of 10 records; a file without debits has no batch (a batch needs an entry).
 * Refuses what the bank would reject (bad routing number, amount over ten digits, duplicate trace, a WEB entry
 * without its payment type code) rather than write it.
 */
public final class NachaWriter {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.US);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm", Locale.US);

    private NachaWriter() {
    }

    /** The file's text: records separated by newlines, the last one too. */
    public static String write(NachaDebitFile file) {
        List<String> records = new ArrayList<>();
        records.add("1" + "01" + right(file.immediateDestination(), 10) + right(file.immediateOrigin(), 10)
                + file.createdAt().format(YYMMDD) + file.createdAt().format(HHMM) + file.fileIdModifier() + "094"
                + "10" + "1" + left(file.destinationName(), 23) + left(file.originName(), 23) + left("", 8));
        String batchNumber = "0000001";
        boolean web = file.standardEntryClass() == NachaDebitFile.StandardEntryClass.WEB;
        records.add("5" + "225" + left(file.companyName(), 16) + left("", 20) + left(file.companyIdentification(), 10)
                + file.standardEntryClass().name() + left(file.entryDescription(), 10) + left("", 6)
                + file.effectiveEntryDate().format(YYMMDD) + "   " + "1" + digits(file.originatingDfi(), 8, "originating DFI") + batchNumber);
        long hash = 0;
        long total = 0;
        Set<Long> traces = new HashSet<>();
        for (NachaDebitFile.Debit debit : file.debits()) {
            if (!NachaRules.isValidRoutingNumber(debit.routingNumber())) {
                throw new IllegalArgumentException("Not a routing number: " + debit.routingNumber());
            }
            if (debit.amountCents() <= 0 || debit.amountCents() > 9_999_999_999L) {
                throw new IllegalArgumentException("An ACH amount is 1 cent to 99,999,999.99: " + debit.amountCents());
            }
            if (debit.traceSequence() < 1 || debit.traceSequence() > 9_999_999 || !traces.add(debit.traceSequence())) {
                throw new IllegalArgumentException("Trace sequences are unique, 1 to 9999999: " + debit.traceSequence());
            }
            String account = debit.bankAccountNumber();
            if (account == null || account.isBlank() || account.length() > 17) {
                throw new IllegalArgumentException("A bank account number has 1 to 17 characters");
            }
            String discretionary = debit.discretionaryData() == null ? "" : debit.discretionaryData();
            if (web && !discretionary.equals(NachaDebitFile.SINGLE_ENTRY)
                    && !discretionary.equals(NachaDebitFile.RECURRING)) {
                throw new IllegalArgumentException("A WEB debit carries its payment type code, R or S: '"
                        + discretionary + "'");
            }
            if (web && (debit.individualName() == null || debit.individualName().isBlank())) {
                throw new IllegalArgumentException("A WEB debit names the receiver");
            }
            records.add("6" + (debit.savings() ? "37" : "27") + debit.routingNumber() + left(account, 17)
                    + zeros(debit.amountCents(), 10) + left(debit.individualIdentification(), 15)
                    + left(debit.individualName(), 22) + left(discretionary, 2) + "0"
                    + traceNumber(file.originatingDfi(), debit.traceSequence()));
            hash += Long.parseLong(debit.routingNumber().substring(0, 8));
            total += debit.amountCents();
        }
        int entries = file.debits().size();
        String entryHash = zeros(hash % 10_000_000_000L, 10);
        records.add("8" + "225" + zeros(entries, 6) + entryHash + zeros(total, 12) + zeros(0, 12)
                + left(file.companyIdentification(), 10) + left("", 19) + left("", 6) + file.originatingDfi()
                + batchNumber);
        int batches = 1;
        if (entries == 0) {
            // nothing to collect: the file header and control only, as a batch without entries is invalid
            records.subList(1, records.size()).clear();
            batches = 0;
        }
        int recordCount = records.size() + 1;
        int blocks = (recordCount + NachaRules.BLOCKING_FACTOR - 1) / NachaRules.BLOCKING_FACTOR;
        records.add("9" + zeros(batches, 6) + zeros(blocks, 6) + zeros(entries, 8) + entryHash + zeros(total, 12)
                + zeros(0, 12) + left("", 39));
        while (records.size() % NachaRules.BLOCKING_FACTOR != 0) {
            records.add(NachaRules.PADDING);
        }
        StringBuilder text = new StringBuilder(records.size() * 95);
        for (String record : records) {
            if (record.length() != NachaRules.RECORD_LENGTH) {
                throw new IllegalStateException("NACHA record of " + record.length() + " characters: " + record);
            }
            text.append(record).append('\n');
        }
        return text.toString();
    }

    /** Originating DFI (8 digits) and a 7-digit sequence. */
    public static String traceNumber(String originatingDfi, long sequence) {
        return digits(originatingDfi, 8, "originating DFI") + zeros(sequence, 7);
    }

    private static String digits(String value, int length, String what) {
        if (value == null || value.length() != length || !FileText.digits(value)) {
            throw new IllegalArgumentException(what + " must be " + length + " digits: " + value);
        }
        return value;
    }

    /** Alphanumeric field: printable ASCII, left-justified, cut to the length. */
    private static String left(String value, int length) {
        String clean = value == null ? "" : value.replaceAll("[^\\x20-\\x7E]", " ");
        if (clean.length() > length) {
            clean = clean.substring(0, length);
        }
        return clean + " ".repeat(length - clean.length());
    }

    private static String right(String value, int length) {
        if (value.length() > length) {
            throw new IllegalArgumentException("Longer than " + length + ": " + value);
        }
        return " ".repeat(length - value.length()) + value;
    }

    private static String zeros(long value, int length) {
        String text = Long.toString(value);
        if (text.length() > length) {
            throw new IllegalArgumentException(value + " does not fit in " + length + " digits");
        }
        return "0".repeat(length - text.length()) + text;
    }
}

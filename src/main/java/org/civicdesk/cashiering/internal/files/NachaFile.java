package org.civicdesk.cashiering.internal.files;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A NACHA (ACH) file as read: the file header, its batches of entries with their addenda, the file control.
 * Amounts are in cents, as in the file.
 */
public record NachaFile(String immediateDestination, String immediateOrigin, LocalDate creationDate,
        String destinationName, String originName, List<Batch> batches, long totalDebitCents, long totalCreditCents) {

    public record Batch(int lineNumber, String serviceClassCode, String companyName, String companyIdentification,
            String secCode, String entryDescription, Optional<LocalDate> effectiveEntryDate,
            String originatingDfi, String batchNumber, List<Entry> entries) {
    }

    /**
     * One entry detail record (type 6).
     *
     * @param receivingDfi the first 8 digits of the receiving bank's routing number
     * @param discretionaryData positions 77-78 as written (not stripped): for WEB and TEL the payment type code
     */
    public record Entry(int lineNumber, String transactionCode, String receivingDfi, String checkDigit,
            String dfiAccountNumber, long amountCents, String individualIdentification, String individualName,
            String discretionaryData, String traceNumber, List<Addenda> addenda) {

        /** The return addenda (type 99), if this entry is a return or a dishonored return. */
        public Optional<ReturnAddenda> returnAddenda() {
            return addenda.stream().filter(ReturnAddenda.class::isInstance).map(ReturnAddenda.class::cast)
                    .findFirst();
        }

        public boolean debit() {
            return NachaRules.isDebit(transactionCode);
        }
    }

    /** An addenda record (type 7). */
    public sealed interface Addenda permits ReturnAddenda, OtherAddenda {
        int lineNumber();
    }

    /**
     * A return addenda (type code 99). For a dishonored return (codes R61, R67 to R70) and a contested one
     * (R71 to R77) originalReturnReasonCode holds the code of the return being dishonored.
     */
    public record ReturnAddenda(int lineNumber, String returnReasonCode, String originalTraceNumber,
            String originalReceivingDfi, String information, String traceNumber,
            Optional<String> originalReturnReasonCode) implements Addenda {

        public boolean dishonoredOrContested() {
            return NachaRules.isDishonoredOrContested(returnReasonCode);
        }
    }

    /** Any other addenda (05 payment information, 98 notification of change). */
    public record OtherAddenda(int lineNumber, String typeCode, String text) implements Addenda {
    }
}

package org.civicdesk.cashiering.internal.files;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the city sends its bank to collect autopay: one PPD batch of debit entries.
 *
 * @param immediateDestination the city's bank routing number (9 digits)
 * @param immediateOrigin the city's origin id as agreed with the bank (9 or 10 characters)
 * @param companyIdentification the city's ACH company id (up to 10 characters)
 * @param originatingDfi the first 8 digits of the city bank's routing number; trace numbers start with it
 */
public record PpdDebitFile(String immediateDestination, String immediateOrigin, String destinationName,
        String originName, LocalDateTime createdAt, char fileIdModifier, String companyName,
        String companyIdentification, String entryDescription, LocalDate effectiveEntryDate, String originatingDfi,
        List<Debit> debits) {

    /**
     * One debit of a customer's bank account.
     *
     * @param savings true for a savings account (transaction code 37), else checking (27)
     * @param individualIdentification the utility account number, so the customer's statement names it
     * @param traceSequence the 7-digit sequence of the trace number, unique in the file
     */
    public record Debit(String routingNumber, String bankAccountNumber, boolean savings, long amountCents,
            String individualIdentification, String individualName, long traceSequence) {
    }
}

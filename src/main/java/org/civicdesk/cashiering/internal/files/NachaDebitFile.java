package org.civicdesk.cashiering.internal.files;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the city sends its bank to collect money from customers' bank accounts: one batch of debit entries of one
 * standard entry class (PPD for autopay's standing authorisations, WEB for payments authorised on the portal).
 *
 * @param immediateDestination the city's bank routing number (9 digits)
 * @param immediateOrigin the city's origin id as agreed with the bank (9 or 10 characters)
 * @param fileIdModifier A to Z; two files of one day for the same bank need different modifiers
 * @param companyIdentification the city's ACH company id (up to 10 characters)
 * @param standardEntryClass how the customers authorised the debits
 * @param originatingDfi the first 8 digits of the city bank's routing number; trace numbers start with it
 */
public record NachaDebitFile(String immediateDestination, String immediateOrigin, String destinationName,
        String originName, LocalDateTime createdAt, char fileIdModifier, String companyName,
        String companyIdentification, StandardEntryClass standardEntryClass, String entryDescription,
        LocalDate effectiveEntryDate, String originatingDfi, List<Debit> debits) {

    /** The standard entry class codes the city originates. */
    public enum StandardEntryClass {
        /** Prearranged payment: a written standing authorisation (autopay). */
        PPD,
        /** Internet-initiated: authorised on the portal; each entry names its payment type (R or S). */
        WEB
    }

    /** WEB payment type code for a single entry, authorised for this one debit. */
    public static final String SINGLE_ENTRY = "S";
    /** WEB payment type code for one of recurring debits. */
    public static final String RECURRING = "R";

    /**
     * One debit of a customer's bank account.
     *
     * @param savings true for a savings account (transaction code 37), else checking (27)
     * @param individualIdentification the utility account number, so the customer's statement names it
     * @param traceSequence the 7-digit sequence of the trace number, unique in the file
     * @param discretionaryData positions 77-78: blank for PPD, the payment type code (R or S) for WEB
     */
    public record Debit(String routingNumber, String bankAccountNumber, boolean savings, long amountCents,
            String individualIdentification, String individualName, long traceSequence, String discretionaryData) {

        /** A debit with no discretionary data (PPD). */
        public Debit(String routingNumber, String bankAccountNumber, boolean savings, long amountCents,
                String individualIdentification, String individualName, long traceSequence) {
            this(routingNumber, bankAccountNumber, savings, amountCents, individualIdentification, individualName,
                    traceSequence, "");
        }
    }
}

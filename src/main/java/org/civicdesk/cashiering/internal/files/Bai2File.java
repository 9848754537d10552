package org.civicdesk.cashiering.internal.files;

import java.time.LocalDate;
import java.util.List;

/**
 * A BAI2 file as read: groups (one per originating bank and as-of date) of account statements, each with its
 * summary amounts and transaction details (16 records, text continued by 88 records joined).
 */
public record Bai2File(String senderIdentification, String receiverIdentification, LocalDate creationDate,
        String fileIdentification, List<Group> groups) {

    public record Group(int lineNumber, String ultimateReceiver, String originator, String groupStatus,
            LocalDate asOfDate, List<AccountStatement> accounts) {
    }

    public record AccountStatement(int lineNumber, String accountNumber, String currency, List<Summary> summaries,
            List<Detail> details) {
    }

    /** A summary or status amount of an account (type codes 010 to 099 status, 100 and up summaries). */
    public record Summary(String typeCode, Long amountCents, Integer itemCount) {
    }

    /**
     * A transaction detail (16 record).
     *
     * @param amountCents as in the file, in the smallest unit (cents for USD)
     */
    public record Detail(int lineNumber, String typeCode, long amountCents, String fundsType, String bankReference,
            String customerReference, String text) {

        /** BAI type codes 100 to 399 (and custom 900 to 959) are credits to the account. */
        public boolean credit() {
            int code = Integer.parseInt(typeCode);
            return code >= 100 && code < 400 || code >= 900 && code < 960;
        }
    }
}

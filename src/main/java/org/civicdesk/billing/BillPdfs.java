package org.civicdesk.billing;

/**
 * A bill's PDF for its customer: the same document the bill run prints, in the language the customer reads it in
 * (the portal's language) rather than the one the bill was issued in.
 */
public interface BillPdfs {

    /**
     * The bill as a PDF in English (en) or Spanish (es); RecordNotFound when there is no such bill.
     */
    byte[] pdf(long billId, String language);
}

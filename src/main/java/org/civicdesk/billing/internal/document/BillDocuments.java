package org.civicdesk.billing.internal.document;

import org.civicdesk.billing.BillDetail;
import org.civicdesk.billing.Bills;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renders a bill's PDF on demand from its stored rows. Bill rows never change and the chart only counts bills
 * that existed when this one was issued, so the same bill renders the same document every time.
 */
@Service
public class BillDocuments implements org.civicdesk.billing.BillPdfs {

    private final Bills bills;
    private final BillAddressee addressee;

    BillDocuments(Bills bills, BillAddressee addressee) {
        this.bills = bills;
        this.addressee = addressee;
    }

    @Transactional(readOnly = true)
    public byte[] pdf(long billId) {
        BillDetail bill = bills.bill(billId);
        return BillPdf.render(new BillPdf.Content(bill, addressee.of(bill.accountId(), billId), bills.usageUpTo(billId)));
    }

    /** The same document in the given language (en or es), whatever language the bill was issued in. */
    @Override
    @Transactional(readOnly = true)
    public byte[] pdf(long billId, String language) {
        BillDetail bill = bills.bill(billId);
        org.civicdesk.billing.BillSummary s = bill.summary();
        String lang = BillWords.LANGUAGES.contains(language) ? language : s.language();
        org.civicdesk.billing.BillSummary inLanguage = new org.civicdesk.billing.BillSummary(s.id(), s.accountNumber(),
                s.billDate(), s.periodFrom(), s.periodTo(), s.dueDate(), s.previousBalance(), s.payments(), s.adjustments(),
                s.newCharges(), s.tax(), s.totalDue(), s.estimated(), lang, s.status(), s.rebillOfBillId(), s.rebilledById());
        BillDetail translated = new BillDetail(inLanguage, bill.accountId(), bill.billRunId(), bill.idempotencyKey(),
                bill.ledgerEntryId(), bill.createdAt(), bill.createdBy(), bill.cancellation(), bill.services());
        return BillPdf.render(new BillPdf.Content(translated, addressee.of(bill.accountId(), billId), bills.usageUpTo(billId)));
    }
}

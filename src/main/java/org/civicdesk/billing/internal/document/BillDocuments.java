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
public class BillDocuments {

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
}

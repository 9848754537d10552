package org.civicdesk.cashiering.internal.web;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import org.civicdesk.cashiering.internal.drawers.DailyCashReports.DailyCashReport;
import org.civicdesk.cashiering.internal.drawers.DailyCashReports.DrawerLine;
import org.civicdesk.cashiering.internal.drawers.DailyCashReports.FundSource;
import org.civicdesk.cashiering.internal.drawers.DailyCashReports.Reversal;
import org.civicdesk.cashiering.internal.drawers.DailyCashReports.TieRow;
import org.civicdesk.cashiering.internal.drawers.Drawers;
import org.springframework.stereotype.Component;

/** The Daily Cash Report on paper (OpenPDF): the same sections as the page. */
@Component
class DailyCashReportPdf {

    byte[] render(DailyCashReport r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.LETTER.rotate(), 36, 36, 36, 36);
        Font h1 = new Font(Font.HELVETICA, 14, Font.BOLD);
        Font h2 = new Font(Font.HELVETICA, 11, Font.BOLD);
        Font f = new Font(Font.HELVETICA, 8, Font.NORMAL);
        try {
            PdfWriter.getInstance(doc, out);
            doc.open();
            doc.add(new Paragraph("City of Mesa (demo) - Daily Cash Report " + r.businessDate(), h1));
            doc.add(new Paragraph("Drawers", h2));
            PdfPTable t = table(f, "Drawer", "Cashier", "Status", "Float", "Cash/checks taken", "Change", "Cards",
                    "Counted cash", "Counted checks", "Card batch", "Over/short");
            for (DrawerLine d : r.drawers()) {
                cells(t, f, "" + d.drawer().id(), d.drawer().cashier(), d.drawer().status(), d.drawer().openingFloat().formatted(),
                        d.totals().physicalTaken().formatted(), d.totals().changeGiven().formatted(), d.totals().cards().formatted(),
                        d.countedCash() == null ? "" : d.countedCash().formatted(),
                        d.countedChecks() == null ? "" : d.countedChecks().formatted(),
                        d.cardBatchTotal() == null ? "" : d.cardBatchTotal().formatted(), d.overShort().formatted());
            }
            doc.add(t);
            doc.add(new Paragraph("Totals by tender type", h2));
            PdfPTable tt = table(f, "Tender", "Amount");
            r.tenderTotals().forEach((k, v) -> cells(tt, f, k, v.formatted()));
            doc.add(tt);
            doc.add(new Paragraph("Collections by fund and revenue source", h2));
            PdfPTable c = table(f, "Fund", "Account", "Kind", "Amount");
            for (FundSource s : r.collections()) {
                cells(c, f, s.fund(), s.account(), s.kind(), s.amount().formatted());
            }
            doc.add(c);
            doc.add(new Paragraph("Voids, reversals and returns", h2));
            PdfPTable v = table(f, "Payment", "Kind", "Code", "Reason", "Amount", "By");
            for (Reversal x : r.reversals()) {
                cells(v, f, "" + x.paymentId(), x.kind(), x.returnCode() == null ? "" : x.returnCode(), x.reason(),
                        x.amount().formatted(), x.by());
            }
            doc.add(v);
            doc.add(new Paragraph("Deposits", h2));
            PdfPTable dep = table(f, "Deposit", "Drawers", "Cash", "Checks", "Total", "By fund");
            for (Drawers.Deposit d : r.deposits()) {
                cells(dep, f, "" + d.id(), d.drawerIds().toString(), d.cash().formatted(), d.checks().formatted(),
                        d.total().formatted(), byFund(d));
            }
            doc.add(dep);
            doc.add(new Paragraph("Card settlements: taken " + r.cardsTaken().formatted() + ", batch totals "
                    + r.cardBatchTotals().formatted(), f));
            doc.add(new Paragraph("Tie-out: cash in drawers (1020) against the trial balance", h2));
            PdfPTable tie = table(f, "Fund", "From cashiering records", "From the trial balance", "Difference");
            for (TieRow x : r.tieOut()) {
                cells(tie, f, x.fund(), x.fromRecords().formatted(), x.fromTrialBalance().formatted(), x.difference().formatted());
            }
            cells(tie, f, "All funds", r.recordsNetDrawerCash().formatted(), r.ledgerNetDrawerCash().formatted(),
                    r.ledgerNetDrawerCash().minus(r.recordsNetDrawerCash()).formatted());
            doc.add(tie);
            doc.add(new Paragraph(r.ties() ? "The report ties to the ledger to the cent." : "THE REPORT DOES NOT TIE: research the differences.", h2));
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static PdfPTable table(Font f, String... headers) {
        PdfPTable t = new PdfPTable(headers.length);
        t.setWidthPercentage(100);
        t.setSpacingBefore(4);
        t.setSpacingAfter(8);
        t.setHeaderRows(1);
        cells(t, new Font(Font.HELVETICA, 8, Font.BOLD), headers);
        return t;
    }

    private static void cells(PdfPTable t, Font f, String... values) {
        for (String v : values) {
            t.addCell(new com.lowagie.text.Phrase(v == null ? "" : v, f));
        }
    }

    /** A deposit's funds as a slip shows them: GENERAL -$3.00, WATER $25.67. */
    static String byFund(Drawers.Deposit d) {
        return d.byFund().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().formatted())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}

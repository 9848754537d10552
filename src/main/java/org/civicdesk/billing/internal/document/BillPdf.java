package org.civicdesk.billing.internal.document;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.draw.LineSeparator;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicdesk.billing.BillDetail;
import org.civicdesk.billing.BillSummary;
import org.civicdesk.billing.ScanLine;
import org.civicdesk.billing.UsagePoint;
import org.civicdesk.platform.Money;

/**
 * Lays a bill out on US Letter paper in the account's language: letterhead, account and addresses, the account
 * summary, new charges by service with every line, taxes by jurisdiction, a 13-month usage chart per metered
 * service, messages, and the remittance stub with the scan line at the foot of the last page.
 */
final class BillPdf {

    static final String CITY = "City of Mesa (demo)";
    private static final float MARGIN = 36;
    private static final float STUB_HEIGHT = 150;
    private static final Color RULE = new Color(120, 120, 120);
    private static final Color BAR = new Color(40, 90, 150);
    private static final Color BAR_ESTIMATED = new Color(170, 190, 215);

    /** Everything the bill shows, read from the stored rows. */
    record Content(BillDetail bill, BillAddressee.Addressee addressee, List<UsagePoint> usage) {
    }

    private final BillWords w;
    private final Content c;
    private final BillSummary s;
    private final Font head = new Font(Font.HELVETICA, 15, Font.BOLD);
    private final Font h2 = new Font(Font.HELVETICA, 11, Font.BOLD);
    private final Font text = new Font(Font.HELVETICA, 9, Font.NORMAL);
    private final Font bold = new Font(Font.HELVETICA, 9, Font.BOLD);
    private final Font small = new Font(Font.HELVETICA, 7.5f, Font.NORMAL);
    private final Font big = new Font(Font.HELVETICA, 12, Font.BOLD);

    private BillPdf(Content c) {
        this.c = c;
        this.s = c.bill().summary();
        this.w = BillWords.of(s.language());
    }

    static byte[] render(Content content) {
        return new BillPdf(content).render();
    }

    private byte[] render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        Document doc = new Document(PageSize.LETTER, MARGIN, MARGIN, MARGIN, MARGIN);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            doc.addTitle(w.get("title") + " " + s.accountNumber() + " " + s.billDate());
            doc.addAuthor(CITY + " " + w.get("department"));
            doc.open();
            letterhead(doc);
            accountBlock(doc);
            summary(doc);
            charges(doc);
            taxes(doc);
            charts(doc, writer);
            messages(doc);
            if (writer.getVerticalPosition(false) < MARGIN + STUB_HEIGHT + 12) {
                doc.newPage();
                writer.setPageEmpty(false);
            }
            stub(writer.getDirectContent());
            doc.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("The bill could not be laid out: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private void letterhead(Document doc) throws DocumentException {
        PdfPTable t = new PdfPTable(new float[] {3, 2});
        t.setWidthPercentage(100);
        PdfPCell left = cell(null, Element.ALIGN_LEFT);
        left.addElement(new Paragraph(CITY, head));
        left.addElement(new Paragraph(w.get("department"), bold));
        left.addElement(new Paragraph(w.get("letterhead"), small));
        t.addCell(left);
        PdfPCell right = cell(null, Element.ALIGN_RIGHT);
        Paragraph title = new Paragraph(w.get("title"), head);
        title.setAlignment(Element.ALIGN_RIGHT);
        right.addElement(title);
        t.addCell(right);
        doc.add(t);
        doc.add(new Chunk(new LineSeparator(0.8f, 100, RULE, Element.ALIGN_CENTER, -4)));
    }

    private void accountBlock(Document doc) throws DocumentException {
        PdfPTable t = new PdfPTable(new float[] {1, 1});
        t.setWidthPercentage(100);
        t.setSpacingBefore(10);
        PdfPCell address = cell(null, Element.ALIGN_LEFT);
        address.addElement(new Paragraph(w.get("mailingAddress"), small));
        for (String line : c.addressee().mailingLines()) {
            address.addElement(new Paragraph(line, text));
        }
        if (!c.addressee().serviceAddresses().isEmpty()) {
            Paragraph label = new Paragraph(w.get("serviceAddress"), small);
            label.setSpacingBefore(6);
            address.addElement(label);
            for (String line : c.addressee().serviceAddresses()) {
                address.addElement(new Paragraph(line, text));
            }
        }
        t.addCell(address);
        PdfPTable facts = new PdfPTable(new float[] {1, 1});
        facts.setWidthPercentage(100);
        fact(facts, w.get("account"), s.accountNumber(), bold);
        fact(facts, w.get("customer"), c.addressee().customerName(), text);
        fact(facts, w.get("billNumber"), Long.toString(s.id()), text);
        fact(facts, w.get("billDate"), w.date(s.billDate()), text);
        fact(facts, w.get("period"), w.get("periodValue", w.date(s.periodFrom()), w.date(s.periodTo())), text);
        fact(facts, w.get("dueDate"), w.date(s.dueDate()), bold);
        fact(facts, w.get("totalDue"), s.totalDue().formatted(), big);
        PdfPCell right = cell(null, Element.ALIGN_LEFT);
        right.addElement(facts);
        t.addCell(right);
        doc.add(t);
    }

    private void fact(PdfPTable t, String label, String value, Font font) {
        t.addCell(cell(new Phrase(label, text), Element.ALIGN_LEFT));
        t.addCell(cell(new Phrase(value, font), Element.ALIGN_RIGHT));
    }

    private void summary(Document doc) throws DocumentException {
        section(doc, w.get("summary"));
        PdfPTable t = new PdfPTable(new float[] {4, 1});
        t.setWidthPercentage(60);
        t.setHorizontalAlignment(Element.ALIGN_LEFT);
        row(t, w.get("previousBalance"), s.previousBalance(), text);
        row(t, w.get("payments"), s.payments().negate(), text);
        row(t, w.get("adjustments"), s.adjustments(), text);
        row(t, w.get("balanceForward"), balanceForward(), bold);
        row(t, w.get("newCharges"), s.currentCharges(), text);
        row(t, w.get("totalDue"), s.totalDue(), big);
        doc.add(t);
        Paragraph pay = new Paragraph(s.totalDue().isPositive()
                ? w.get("payBy", s.totalDue().formatted(), w.date(s.dueDate()))
                : w.get("creditBalance", s.totalDue().negate().formatted()), text);
        pay.setSpacingBefore(3);
        doc.add(pay);
    }

    private Money balanceForward() {
        return s.previousBalance().minus(s.payments()).plus(s.adjustments());
    }

    /** What is still owed from earlier bills: the previous balance less the payments since. */
    private Money pastDue() {
        return s.previousBalance().minus(s.payments());
    }

    private void charges(Document doc) throws DocumentException {
        section(doc, w.get("chargesByService"));
        for (BillDetail.Service sv : c.bill().services()) {
            Paragraph name = new Paragraph(w.service(sv.serviceType()) + " · " + sv.rateSchedule() + " · "
                    + w.get("periodValue", w.date(sv.periodFrom()), w.date(sv.periodTo())), bold);
            name.setSpacingBefore(6);
            doc.add(name);
            List<String> facts = new ArrayList<>();
            if (sv.meterNumber() != null) {
                facts.add(w.get("meter") + " " + sv.meterNumber());
            }
            if (sv.fromReading() != null && sv.toReading() != null) {
                facts.add(w.get("reads", w.number(sv.fromReading(), 4), w.date(sv.periodTo().minusDays(sv.days())),
                        w.number(sv.toReading(), 4), w.date(sv.periodTo())) + (sv.estimated() ? " " + w.get("estimatedRead") : ""));
            }
            if (sv.consumption() != null) {
                facts.add(w.get("usage", w.number(sv.consumption(), 4), w.unit(JdbcBills.unitOf(
                        "WASTEWATER".equals(sv.serviceType()) ? "WATER" : sv.serviceType())), sv.days()));
            }
            if (sv.demandKw() != null) {
                facts.add(w.get("demand", w.number(sv.demandKw(), 1)));
            }
            if (sv.winterQuarterAverage() != null) {
                facts.add(w.get("wqa", w.number(sv.winterQuarterAverage(), 2)));
            }
            if (!facts.isEmpty()) {
                doc.add(new Paragraph(String.join(" · ", facts), text));
            }
            PdfPTable t = new PdfPTable(new float[] {5, 2, 2, 1.6f});
            t.setWidthPercentage(100);
            t.setSpacingBefore(2);
            t.setHeaderRows(1);
            header(t, w.get("col.charge"), w.get("col.quantity"), w.get("col.price"), w.get("col.amount"));
            for (BillDetail.Line l : sv.lines()) {
                t.addCell(cell(new Phrase(w.charge(sv.rateSchedule(), l.part(), l.description()), text), Element.ALIGN_LEFT));
                t.addCell(cell(new Phrase(l.quantity() == null ? "" : w.number(l.quantity(), 4) + " " + w.unit(l.unit()), text),
                        Element.ALIGN_RIGHT));
                t.addCell(cell(new Phrase(l.unitPrice() == null ? "" : "$" + w.price(l.unitPrice()), text), Element.ALIGN_RIGHT));
                t.addCell(cell(new Phrase(l.amount().formatted(), text), Element.ALIGN_RIGHT));
            }
            for (BillDetail.Line l : sv.taxes()) {
                t.addCell(cell(new Phrase(w.get("serviceTax") + " · " + w.jurisdiction(l.part()), text), Element.ALIGN_LEFT));
                t.addCell(cell(new Phrase(l.quantity() == null ? "" : Money.round(l.quantity()).formatted(), text), Element.ALIGN_RIGHT));
                t.addCell(cell(new Phrase(l.unitPrice() == null ? "" : percent(l.unitPrice()), text), Element.ALIGN_RIGHT));
                t.addCell(cell(new Phrase(l.amount().formatted(), text), Element.ALIGN_RIGHT));
            }
            PdfPCell label = cell(new Phrase(w.get("serviceTotal"), bold), Element.ALIGN_RIGHT);
            label.setColspan(3);
            label.setBorder(Rectangle.TOP);
            t.addCell(label);
            PdfPCell total = cell(new Phrase(sv.total().formatted(), bold), Element.ALIGN_RIGHT);
            total.setBorder(Rectangle.TOP);
            t.addCell(total);
            doc.add(t);
        }
        Paragraph total = new Paragraph(w.get("totalNewCharges") + ": " + s.currentCharges().formatted(), bold);
        total.setAlignment(Element.ALIGN_RIGHT);
        total.setSpacingBefore(4);
        doc.add(total);
    }

    private String percent(BigDecimal fraction) {
        return w.number(fraction.movePointRight(2), 4) + "%";
    }

    private void taxes(Document doc) throws DocumentException {
        Map<String, Money[]> byJurisdiction = new LinkedHashMap<>();
        for (BillDetail.Service sv : c.bill().services()) {
            for (BillDetail.Line l : sv.taxes()) {
                Money[] sums = byJurisdiction.computeIfAbsent(l.part(), k -> new Money[] {Money.ZERO, Money.ZERO});
                sums[0] = sums[0].plus(l.quantity() == null ? Money.ZERO : Money.round(l.quantity()));
                sums[1] = sums[1].plus(l.amount());
            }
        }
        if (byJurisdiction.isEmpty()) {
            return;
        }
        section(doc, w.get("taxesByJurisdiction"));
        PdfPTable t = new PdfPTable(new float[] {3, 2, 2});
        t.setWidthPercentage(60);
        t.setHorizontalAlignment(Element.ALIGN_LEFT);
        header(t, w.get("col.jurisdiction"), w.get("col.base"), w.get("col.amount"));
        for (Map.Entry<String, Money[]> e : byJurisdiction.entrySet()) {
            t.addCell(cell(new Phrase(w.jurisdiction(e.getKey()), text), Element.ALIGN_LEFT));
            t.addCell(cell(new Phrase(e.getValue()[0].formatted(), text), Element.ALIGN_RIGHT));
            t.addCell(cell(new Phrase(e.getValue()[1].formatted(), text), Element.ALIGN_RIGHT));
        }
        PdfPCell label = cell(new Phrase(w.get("taxTotal"), bold), Element.ALIGN_LEFT);
        label.setColspan(2);
        label.setBorder(Rectangle.TOP);
        t.addCell(label);
        PdfPCell total = cell(new Phrase(s.tax().formatted(), bold), Element.ALIGN_RIGHT);
        total.setBorder(Rectangle.TOP);
        t.addCell(total);
        doc.add(t);
    }

    private void charts(Document doc, PdfWriter writer) throws DocumentException, IOException {
        Map<String, List<UsagePoint>> byService = new LinkedHashMap<>();
        for (UsagePoint p : c.usage()) {
            byService.computeIfAbsent(p.serviceType(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, List<UsagePoint>> e : byService.entrySet()) {
            List<UsagePoint> points = e.getValue();
            Paragraph title = new Paragraph(w.get("usageHistory", w.service(e.getKey()), w.unit(points.get(0).unit())), bold);
            title.setSpacingBefore(8);
            title.setKeepTogether(true);
            doc.add(title);
            doc.add(chart(writer, points));
        }
    }

    /** A bar per bill period, oldest on the left, the value above and the month below; estimates lighter. */
    private Image chart(PdfWriter writer, List<UsagePoint> points) throws DocumentException, IOException {
        float width = PageSize.LETTER.getWidth() - 2 * MARGIN;
        float height = 78;
        PdfTemplate tpl = writer.getDirectContent().createTemplate(width, height);
        BaseFont font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
        BigDecimal max = points.stream().map(UsagePoint::consumption).reduce(BigDecimal.ONE, BigDecimal::max);
        float slot = width / 13;
        float base = 14;
        float top = height - 12;
        DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM yy", w.locale());
        tpl.setColorStroke(RULE);
        tpl.setLineWidth(0.5f);
        tpl.moveTo(0, base);
        tpl.lineTo(width, base);
        tpl.stroke();
        int first = Math.max(0, points.size() - 13);
        for (int i = first; i < points.size(); i++) {
            UsagePoint p = points.get(i);
            float x = (i - first) * slot + slot * 0.2f;
            float barHeight = p.consumption().floatValue() / max.floatValue() * (top - base);
            tpl.setColorFill(p.estimated() ? BAR_ESTIMATED : BAR);
            tpl.rectangle(x, base, slot * 0.6f, Math.max(barHeight, 0.5f));
            tpl.fill();
            tpl.beginText();
            tpl.setColorFill(Color.BLACK);
            tpl.setFontAndSize(font, 6.5f);
            tpl.showTextAligned(Element.ALIGN_CENTER, w.number(p.consumption(), 0), x + slot * 0.3f, base + barHeight + 2, 0);
            tpl.showTextAligned(Element.ALIGN_CENTER, month.format(p.periodTo()), x + slot * 0.3f, 4, 0);
            tpl.endText();
        }
        Image image = Image.getInstance(tpl);
        image.setAlignment(Element.ALIGN_LEFT);
        return image;
    }

    private void messages(Document doc) throws DocumentException {
        section(doc, w.get("messages"));
        List<String> notes = new ArrayList<>();
        if (c.bill().cancellation() != null) {
            notes.add(w.get("notice.cancelled", w.date(c.bill().cancellation().cancelledAt()
                    .atZone(java.time.ZoneId.of("America/Phoenix")).toLocalDate()), c.bill().cancellation().reason()));
        }
        if (s.rebillOfBillId() != null) {
            notes.add(w.get("notice.rebill", Long.toString(s.rebillOfBillId())));
        }
        if (pastDue().isPositive()) {
            notes.add(w.get("notice.pastDue", pastDue().formatted()));
        }
        if (s.estimated() || c.bill().services().stream().anyMatch(BillDetail.Service::estimated)) {
            notes.add(w.get("notice.estimated"));
        }
        Set<String> tips = new LinkedHashSet<>();
        for (BillDetail.Service sv : c.bill().services()) {
            tips.add(w.tip(sv.serviceType(), s.periodTo()));
        }
        notes.addAll(tips);
        notes.add(w.get("notice.questions"));
        for (String note : notes) {
            Paragraph p = new Paragraph("• " + note, text);
            p.setSpacingAfter(2);
            doc.add(p);
        }
    }

    /** The tear-off remittance stub in the reserved band at the foot of the last page. */
    private void stub(PdfContentByte cb) throws DocumentException, IOException {
        float left = MARGIN;
        float right = PageSize.LETTER.getWidth() - MARGIN;
        float top = MARGIN + STUB_HEIGHT;
        cb.saveState();
        cb.setColorStroke(RULE);
        cb.setLineWidth(0.6f);
        cb.setLineDash(4, 3, 0);
        cb.moveTo(left - 18, top);
        cb.lineTo(right + 18, top);
        cb.stroke();
        cb.restoreState();
        ColumnText.showTextAligned(cb, Element.ALIGN_CENTER, new Phrase(w.get("stub.detach"), small),
                (left + right) / 2, top - 11, 0);

        float y = top - 30;
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(CITY + " · " + w.get("stub.title"), h2), left, y, 0);
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(w.get("account") + ": " + s.accountNumber(), bold), left, y - 15, 0);
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(c.addressee().customerName(), text), left, y - 28, 0);
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(w.get("stub.payTo"), small), left, y - 44, 0);
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(w.get("stub.mailTo"), small), left, y - 55, 0);

        float labels = right - 210;
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(w.get("stub.amountDue"), text), labels, y, 0);
        ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(amountDue().formatted(), big), right, y, 0);
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(w.get("dueDate"), text), labels, y - 15, 0);
        ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(w.date(s.dueDate()), bold), right, y - 15, 0);
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(w.get("stub.amountEnclosed"), text), labels, y - 38, 0);
        cb.saveState();
        cb.setLineWidth(0.8f);
        cb.rectangle(right - 90, y - 44, 90, 20);
        cb.stroke();
        cb.restoreState();
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase("$", text), right - 86, y - 37, 0);

        Font mono = new Font(Font.COURIER, 11, Font.NORMAL);
        ColumnText.showTextAligned(cb, Element.ALIGN_CENTER, new Phrase(scanLine(), mono), (left + right) / 2, MARGIN + 6, 0);
    }

    private Money amountDue() {
        return s.totalDue().isPositive() ? s.totalDue() : Money.ZERO;
    }

    String scanLine() {
        return new ScanLine(s.accountNumber(), s.id(), amountDue()).format();
    }

    private void section(Document doc, String title) throws DocumentException {
        Paragraph p = new Paragraph(title, h2);
        p.setSpacingBefore(10);
        p.setSpacingAfter(2);
        doc.add(p);
    }

    private void header(PdfPTable t, String... labels) {
        for (int i = 0; i < labels.length; i++) {
            PdfPCell cell = cell(new Phrase(labels[i], bold), i == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
            cell.setBorder(Rectangle.BOTTOM);
            t.addCell(cell);
        }
    }

    private void row(PdfPTable t, String label, Money amount, Font font) {
        t.addCell(cell(new Phrase(label, font), Element.ALIGN_LEFT));
        t.addCell(cell(new Phrase(amount.formatted(), font), Element.ALIGN_RIGHT));
    }

    private static PdfPCell cell(Phrase phrase, int alignment) {
        PdfPCell cell = phrase == null ? new PdfPCell() : new PdfPCell(phrase);
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(1.5f);
        return cell;
    }
}

package org.civicdesk.cashiering.internal.web;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.internal.payments.PaymentViews.AllocationView;
import org.civicdesk.cashiering.internal.payments.PaymentViews.PaymentView;
import org.civicdesk.cashiering.internal.payments.PaymentViews.TenderView;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Payment receipts in English or Spanish: a narrow layout for the 80 mm receipt printer and a letter-size
 * layout for e-mail, from the same lines. E-mailed through Spring Mail when SMTP is configured.
 */
@Component
public class Receipts {

    /** 80 mm paper is about 226 points wide. */
    static final float NARROW_WIDTH = 226f;

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;
    private final AuditTrail audit;

    Receipts(ObjectProvider<JavaMailSender> mail, @Value("${civicdesk.letters.from:utilities@mesa-demo.example}") String from,
            AuditTrail audit) {
        this.mail = mail;
        this.from = from;
        this.audit = audit;
    }

    static ResourceBundle text(String language) {
        return ResourceBundle.getBundle("cashiering/receipt", "es".equals(language) ? Locale.forLanguageTag("es") : Locale.ROOT);
    }

    public byte[] pdf(PaymentView p, String language, boolean narrow) {
        ResourceBundle t = text(language);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = 14 + p.tenders().size() + p.allocations().size() * 2;
        Rectangle page = narrow ? new Rectangle(NARROW_WIDTH, Math.max(300, lines * 16 + 80)) : com.lowagie.text.PageSize.LETTER;
        Document doc = narrow ? new Document(page, 10, 10, 12, 12) : new Document(page, 72, 72, 54, 54);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle(t.getString("title") + " " + p.id());
            doc.open();
            Font head = new Font(Font.HELVETICA, narrow ? 11 : 16, Font.BOLD);
            Font body = new Font(Font.HELVETICA, narrow ? 8 : 11, Font.NORMAL);
            Font bold = new Font(Font.HELVETICA, narrow ? 8 : 11, Font.BOLD);
            Paragraph city = new Paragraph("City of Mesa (demo)", head);
            city.setAlignment(narrow ? Element.ALIGN_CENTER : Element.ALIGN_LEFT);
            doc.add(city);
            Paragraph title = new Paragraph(t.getString("title"), bold);
            title.setAlignment(narrow ? Element.ALIGN_CENTER : Element.ALIGN_LEFT);
            doc.add(title);
            doc.add(new Paragraph(t.getString("receiptNo") + " " + p.id(), body));
            doc.add(new Paragraph(t.getString("date") + ": " + p.businessDate() + " "
                    + DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("America/Phoenix")).format(p.postedAt()), body));
            doc.add(new Paragraph(t.getString("cashier") + ": " + p.postedBy(), body));
            if (p.payerName() != null && !p.payerName().isBlank()) {
                doc.add(new Paragraph(t.getString("payer") + ": " + p.payerName(), body));
            }
            doc.add(new Paragraph(" ", body));
            doc.add(new Paragraph(t.getString("paid"), bold));
            for (AllocationView a : p.allocations()) {
                String what = t.containsKey(a.targetType()) ? t.getString(a.targetType()) : a.targetType();
                doc.add(new Paragraph(what + " " + a.reference() + " (" + a.fund() + ")  " + a.amount().formatted(), body));
            }
            doc.add(new Paragraph(t.getString("total") + ": " + p.amount().formatted(), bold));
            doc.add(new Paragraph(" ", body));
            doc.add(new Paragraph(t.getString("tendered"), bold));
            for (TenderView v : p.tenders()) {
                String detail = v.checkNumber() != null ? " #" + v.checkNumber()
                        : v.cardLast4() != null ? " " + v.cardBrand() + " ****" + v.cardLast4() : "";
                doc.add(new Paragraph(t.getString(v.type()) + detail + "  " + v.amount().formatted(), body));
            }
            doc.add(new Paragraph(t.getString("change") + ": " + p.changeGiven().formatted(), bold));
            if (p.reversal() != null) {
                doc.add(new Paragraph(t.getString("voided") + " (" + p.reversal().kind() + ")", head));
            }
            doc.add(new Paragraph(" ", body));
            doc.add(new Paragraph(t.getString("thanks"), body));
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("The receipt could not be laid out: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** E-mails the receipt (letter layout) to the address. */
    public void email(PaymentView p, String language, String address) {
        if (address == null || !address.trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new BusinessRuleViolation("receipt.invalid-email", "email", "Give an e-mail address such as name@example.org");
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new BusinessRuleViolation("receipt.mail-not-configured", "email",
                    "E-mail is not configured here (spring.mail.host); print the receipt instead");
        }
        ResourceBundle t = text(language);
        try {
            var message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(address.trim());
            helper.setSubject(t.getString("emailSubject") + " #" + p.id());
            helper.setText(t.getString("emailBody"));
            helper.addAttachment("receipt-" + p.id() + ".pdf", new ByteArrayResource(pdf(p, language, false)), "application/pdf");
            sender.send(message);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException("The receipt could not be e-mailed: " + e.getMessage(), e);
        }
        audit.recordEvent("receipt-emailed", "payment", Long.toString(p.id()), "to " + address.trim());
    }
}

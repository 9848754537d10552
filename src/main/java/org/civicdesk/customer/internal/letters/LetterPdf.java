package org.civicdesk.customer.internal.letters;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.draw.LineSeparator;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Lays a letter out on US Letter paper: the city's letterhead, the date, the mailing address block (placed for a
 * window envelope), the subject, the body and the signature of Utility Services.
 */
public final class LetterPdf {

    public static final String CITY = "City of Mesa (demo)";
    public static final String DEPARTMENT = "Utility Services";
    public static final String LETTERHEAD_ADDRESS = "20 E Main St, Mesa, AZ 85201 · (480) 555-0100";

    /** What goes on the page. */
    public record Content(String date, List<String> addressLines, String subject, String body, String signature,
            String signatureTitle) {
    }

    private LetterPdf() {
    }

    public static byte[] render(Content c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.LETTER, 72, 72, 54, 54);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle(c.subject());
            doc.addAuthor(CITY + " " + DEPARTMENT);
            doc.open();
            Font head = new Font(Font.HELVETICA, 16, Font.BOLD);
            Font small = new Font(Font.HELVETICA, 9, Font.NORMAL);
            Font text = new Font(Font.HELVETICA, 11, Font.NORMAL);
            Font bold = new Font(Font.HELVETICA, 11, Font.BOLD);

            doc.add(new Paragraph(CITY, head));
            doc.add(new Paragraph(DEPARTMENT, bold));
            doc.add(new Paragraph(LETTERHEAD_ADDRESS, small));
            doc.add(new Chunk(new LineSeparator()));

            Paragraph date = new Paragraph(c.date(), text);
            date.setAlignment(Element.ALIGN_RIGHT);
            date.setSpacingBefore(12);
            doc.add(date);

            Paragraph address = new Paragraph();
            address.setSpacingBefore(18);
            address.setSpacingAfter(18);
            for (String line : c.addressLines()) {
                address.add(new Chunk(line + "\n", text));
            }
            doc.add(address);

            Paragraph subject = new Paragraph(c.subject(), bold);
            subject.setSpacingAfter(12);
            doc.add(subject);

            for (String para : c.body().split("\\R\\s*\\R")) {
                Paragraph p = new Paragraph(para.strip(), text);
                p.setSpacingAfter(8);
                p.setLeading(15);
                doc.add(p);
            }

            Paragraph sign = new Paragraph();
            sign.setSpacingBefore(18);
            sign.add(new Chunk(c.signature() + "\n", text));
            sign.add(new Chunk(c.signatureTitle() + "\n", text));
            sign.add(new Chunk(CITY, text));
            doc.add(sign);
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("The letter could not be laid out: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}

package org.civicdesk.customer.internal.letters;

import java.util.List;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A letter's PDF, laid out on its first view, print or e-mail from what was stored when it was sent (date line,
 * address block, subject, body, signature), then kept with the letter: a daily job sending thousands of letters
 * does not lay out pages no one may open, and the page made later is the letter that was sent.
 */
@Component
class LetterPdfs {

    private final JdbcClient jdbc;

    LetterPdfs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Stored(byte[] pdf, String date, String addressBlock, String subject, String body, String signature,
            String signatureTitle) {
    }

    /** The kept PDF, or the one laid out now and kept (a concurrent first use keeps whichever came first). */
    @Transactional
    public byte[] pdf(long letterId) {
        Stored s = jdbc.sql("""
                select pdf, letter_date, address_block, subject, body, signature, signature_title from letter where id = ?""")
                .param(letterId)
                .query((rs, n) -> new Stored(rs.getBytes(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .optional().orElseThrow(() -> new RecordNotFound("letterId", "No letter " + letterId));
        if (s.pdf() != null) {
            return s.pdf();
        }
        byte[] pdf = LetterPdf.render(new LetterPdf.Content(s.date(), List.of(s.addressBlock().split("\n")), s.subject(),
                s.body(), s.signature(), s.signatureTitle()));
        int kept = jdbc.sql("update letter set pdf = ? where id = ? and pdf is null").params(pdf, letterId).update();
        if (kept == 0) {
            return jdbc.sql("select pdf from letter where id = ?").param(letterId).query(byte[].class).single();
        }
        return pdf;
    }
}

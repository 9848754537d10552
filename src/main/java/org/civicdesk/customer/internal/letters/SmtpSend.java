package org.civicdesk.customer.internal.letters;

import jakarta.mail.internet.MimeMessage;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** One e-mail handed to the SMTP server, for both outboxes (letters with their PDF, the portal's plain e-mails). */
final class SmtpSend {

    private SmtpSend() {
    }

    /**
     * Sends the message; answers the reason of a failure (kept on the outbox row), or null when the server took it.
     *
     * @param pdfName the attachment's file name, or null for no attachment
     */
    static String send(JavaMailSender sender, String from, String to, String subject, String body, String pdfName,
            byte[] pdf) {
        if (sender == null) {
            return "Sending failed: no SMTP server is configured";
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, pdfName != null, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(body);
            if (pdfName != null) {
                helper.addAttachment(pdfName, new ByteArrayResource(pdf), "application/pdf");
            }
            sender.send(message);
            return null;
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "Sending failed: " + (reason.length() > 500 ? reason.substring(0, 500) : reason);
        }
    }
}

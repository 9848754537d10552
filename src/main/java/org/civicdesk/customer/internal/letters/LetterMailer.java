package org.civicdesk.customer.internal.letters;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.customer.LetterStatus;
import org.civicdesk.platform.BusinessTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mails one stored letter with its PDF attached. The letter is first claimed as SENDING in a transaction of its
 * own, so that of two instances (or the after-commit hand-over and the retry job) only one sends it; the outcome,
 * SENT or SEND_FAILED with the reason and the attempt count, is recorded and audited in another new transaction.
 * The e-mail itself is sent outside any transaction.
 */
@Component
class LetterMailer {

    private static final Logger log = LoggerFactory.getLogger(LetterMailer.class);

    /** A letter claimed for sending, with what the e-mail needs and the state it was claimed from. */
    record ClaimedLetter(long id, String accountNumber, String emailTo, String subject, String body, byte[] pdf,
            int attempt, String previousStatus, String previousDetail) {

        ClaimedLetter withPdf(byte[] laidOut) {
            return new ClaimedLetter(id, accountNumber, emailTo, subject, body, laidOut, attempt, previousStatus,
                    previousDetail);
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final BusinessTime time;
    private final ObjectProvider<JavaMailSender> mail;
    private final String fromAddress;
    private final int maxAttempts;
    private final TransactionTemplate newTransaction;
    private final LetterPdfs pdfs;

    LetterMailer(JdbcClient jdbc, AuditTrail audit, BusinessTime time, ObjectProvider<JavaMailSender> mail,
            PlatformTransactionManager transactions, LetterPdfs pdfs,
            @Value("${civicdesk.letters.from:utilities@mesa-demo.example}") String fromAddress,
            @Value("${civicdesk.letters.max-send-attempts:5}") int maxAttempts) {
        this.jdbc = jdbc;
        this.pdfs = pdfs;
        this.audit = audit;
        this.time = time;
        this.mail = mail;
        this.fromAddress = fromAddress;
        this.maxAttempts = maxAttempts;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Sends the letter if it is QUEUED or SEND_FAILED and no one else is sending it; does nothing otherwise.
     * Never throws: a letter left SENDING by a failure here goes back to the queue through the retry job.
     *
     * @return true when this call sent the letter
     */
    boolean deliver(long letterId) {
        try {
            Optional<ClaimedLetter> claimed = newTransaction.execute(s -> claim(letterId));
            if (claimed == null || claimed.isEmpty()) {
                return false;
            }
            // a PDF not yet laid out is made on this first use, outside the sending job's transaction
            ClaimedLetter letter = claimed.get().pdf() != null ? claimed.get()
                    : claimed.get().withPdf(newTransaction.execute(s -> pdfs.pdf(letterId)));
            String failure = email(letter);
            newTransaction.executeWithoutResult(s -> recordOutcome(letter, failure));
            return failure == null;
        } catch (RuntimeException e) {
            log.error("Letter {} could not be delivered; the retry job will pick it up", letterId, e);
            return false;
        }
    }

    private Optional<ClaimedLetter> claim(long letterId) {
        return jdbc.sql("""
                with claimable as (
                    select id, status, status_detail
                      from letter
                     where id = :id and status in ('QUEUED', 'SEND_FAILED')
                       for update skip locked)
                update letter
                   set status = 'SENDING', attempts = letter.attempts + 1, last_attempt_at = :now
                  from claimable
                 where letter.id = claimable.id
                returning letter.id, letter.email_to, letter.subject, letter.body, letter.pdf, letter.attempts,
                          claimable.status as previous_status, claimable.status_detail as previous_detail,
                          (select account_number from account where account.id = letter.account_id) as account_number
                """)
                .param("id", letterId)
                .param("now", Timestamp.from(time.now()))
                .query((rs, n) -> new ClaimedLetter(rs.getLong("id"), rs.getString("account_number"),
                        rs.getString("email_to"), rs.getString("subject"), rs.getString("body"), rs.getBytes("pdf"),
                        rs.getInt("attempts"), rs.getString("previous_status"), rs.getString("previous_detail")))
                .optional();
    }

    /** Sends the e-mail; the reason of a failure, or null when the SMTP server accepted it. */
    private String email(ClaimedLetter letter) {
        return SmtpSend.send(mail.getIfAvailable(), fromAddress, letter.emailTo(), letter.subject(), letter.body(),
                "letter-" + letter.id() + ".pdf", letter.pdf());
    }

    private void recordOutcome(ClaimedLetter letter, String failure) {
        LetterStatus outcome = failure == null ? LetterStatus.SENT : LetterStatus.SEND_FAILED;
        String detail = failure == null ? "Sent to " + letter.emailTo()
                : failure + " (attempt " + letter.attempt() + " of " + maxAttempts
                        + (letter.attempt() < maxAttempts ? "; will be retried)" : "; no more retries)");
        jdbc.sql("update letter set status = :status, status_detail = :detail where id = :id and status = 'SENDING'")
                .param("status", outcome.name())
                .param("detail", detail)
                .param("id", letter.id())
                .update();
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("letterId", letter.id());
        before.put("status", letter.previousStatus());
        before.put("statusDetail", letter.previousDetail());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("letterId", letter.id());
        after.put("emailTo", letter.emailTo());
        after.put("status", outcome.name());
        after.put("statusDetail", detail);
        after.put("attempts", letter.attempt());
        audit.recordChange("account", letter.accountNumber(), failure == null ? "letter-sent" : "letter-send-failed",
                before, after);
    }
}

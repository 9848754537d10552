package org.civicdesk.customer.internal.letters;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.customer.OutboundEmail;
import org.civicdesk.platform.BusinessTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of plain e-mails (table outbound_email), sent through the same SMTP server and sender as letters:
 * queued in the caller's transaction, claimed as SENDING by one instance after the commit, then SENT (body cleared,
 * it may hold a one-time link) or SEND_FAILED, retried by the schedule a few times.
 */
@Service
class JdbcOutboundEmail implements OutboundEmail, org.springframework.beans.factory.DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JdbcOutboundEmail.class);

    record Claimed(long id, String to, String subject, String body, int attempt) {
    }

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final ObjectProvider<JavaMailSender> mail;
    private final String fromAddress;
    private final int maxAttempts;
    private final TransactionTemplate newTransaction;
    /**
     * Sends off the request's thread: an answer that queued an e-mail must take as long as one that did not (the
     * portal never tells whether an address is registered, not even by its timing).
     */
    private final java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "outbound-email");
        t.setDaemon(true);
        return t;
    });

    JdbcOutboundEmail(JdbcClient jdbc, BusinessTime time, ObjectProvider<JavaMailSender> mail,
            PlatformTransactionManager transactions,
            @Value("${civicdesk.letters.from:utilities@mesa-demo.example}") String fromAddress,
            @Value("${civicdesk.letters.max-send-attempts:5}") int maxAttempts) {
        this.jdbc = jdbc;
        this.time = time;
        this.mail = mail;
        this.fromAddress = fromAddress;
        this.maxAttempts = maxAttempts;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    @Transactional
    public long queue(String purpose, String to, String subject, String body) {
        long id = jdbc.sql("""
                insert into outbound_email (purpose, email_to, subject, body, status, queued_at)
                values (:purpose, :to, :subject, :body, 'QUEUED', :now) returning id""")
                .param("purpose", purpose).param("to", to).param("subject", subject).param("body", body)
                .param("now", Timestamp.from(time.now()))
                .query(Long.class).single();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.execute(() -> deliver(id));
                }
            });
        }
        return id;
    }

    @Override
    public void destroy() {
        sender.shutdown();
    }

    /** Sends the e-mail if it is waiting and no one else is sending it; never throws. */
    boolean deliver(long id) {
        try {
            Optional<Claimed> claimed = newTransaction.execute(s -> claim(id));
            if (claimed == null || claimed.isEmpty()) {
                return false;
            }
            String failure = send(claimed.get());
            newTransaction.executeWithoutResult(s -> jdbc.sql("""
                    update outbound_email set status = :status, status_detail = :detail,
                           body = case when :sent then null else body end
                     where id = :id and status = 'SENDING'""")
                    .param("status", failure == null ? "SENT" : "SEND_FAILED")
                    .param("detail", failure == null ? "Sent" : failure + " (attempt " + claimed.get().attempt() + ")")
                    .param("sent", failure == null).param("id", id).update());
            return failure == null;
        } catch (RuntimeException e) {
            log.error("E-mail {} could not be delivered; the retry job will pick it up", id, e);
            return false;
        }
    }

    private Optional<Claimed> claim(long id) {
        return jdbc.sql("""
                update outbound_email set status = 'SENDING', attempts = attempts + 1, last_attempt_at = :now
                 where id = (select id from outbound_email where id = :id and status in ('QUEUED', 'SEND_FAILED')
                              for update skip locked)
                returning id, email_to, subject, body, attempts""")
                .param("id", id).param("now", Timestamp.from(time.now()))
                .query((rs, n) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5)))
                .optional();
    }

    private String send(Claimed email) {
        return SmtpSend.send(mail.getIfAvailable(), fromAddress, email.to(), email.subject(), email.body(), null, null);
    }

    @Scheduled(fixedDelayString = "${civicdesk.letters.retry-every:PT3M}", initialDelayString = "PT1M")
    public void onSchedule() {
        retryUndelivered();
    }

    /** Sends what the after-commit hand-over did not (stopped instance, SMTP down), a few times at most. */
    int retryUndelivered() {
        return AuditActor.runAs("system:email-retries", () -> {
            Instant now = time.now();
            jdbc.sql("update outbound_email set status = 'QUEUED' where status = 'SENDING' and last_attempt_at < :t")
                    .param("t", Timestamp.from(now.minus(Duration.ofMinutes(10)))).update();
            List<Long> due = jdbc.sql("""
                    select id from outbound_email
                     where (status = 'QUEUED' and queued_at < :grace)
                        or (status = 'SEND_FAILED' and attempts < :max and last_attempt_at < :backoff)
                     order by id limit 100""")
                    .param("grace", Timestamp.from(now.minus(Duration.ofMinutes(1))))
                    .param("max", maxAttempts)
                    .param("backoff", Timestamp.from(now.minus(Duration.ofMinutes(5))))
                    .query(Long.class).list();
            int sent = 0;
            for (long id : due) {
                if (deliver(id)) {
                    sent++;
                }
            }
            return sent;
        });
    }
}

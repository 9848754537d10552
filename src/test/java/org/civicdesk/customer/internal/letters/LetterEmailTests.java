package org.civicdesk.customer.internal.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.civicdesk.customer.LetterDelivery;
import org.civicdesk.customer.LetterStatus;
import org.civicdesk.customer.Letters;
import org.civicdesk.customer.internal.casework.TestAccounts;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Its own Spring context, with SMTP pointed at an in-process GreenMail server. */
@CivicDeskTest
class LetterEmailTests {

    /** A fixed free port, so that the server can be stopped and started again on it. */
    static final int PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired JdbcClient jdbc;
    @Autowired Letters letters;
    @Autowired LetterMailer mailer;
    @Autowired UndeliveredLetterRetries retries;
    @Autowired TransactionTemplate tx;

    private static long messagesTo(String address) throws Exception {
        long n = 0;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains(address)) {
                n++;
            }
        }
        return n;
    }

    private long audited(String accountNumber, String action) {
        return jdbc.sql("select count(*) from audit_event where record_type = 'account' and record_id = ? and action = ?")
                .params(accountNumber, action).query(Long.class).single();
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void a_paperless_account_gets_its_letter_by_email_with_the_pdf_attached_and_it_is_logged_as_an_email_contact()
            throws Exception {
        String address = "paperless" + System.nanoTime() + "@example.com";
        var account = TestAccounts.create(jdbc, "en", true, address);
        Letters.Letter letter = letters.send(account.accountId(), "WELCOME", Map.of(), LetterDelivery.AUTO);

        assertThat(letter.status()).as(letter.statusDetail()).isEqualTo(LetterStatus.SENT);
        assertThat(letter.delivery()).isEqualTo("EMAIL");
        assertThat(letter.emailTo()).isEqualTo(address);
        MimeMessage received = null;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains(address)) {
                received = m;
            }
        }
        assertThat(received).as("a message to " + address).isNotNull();
        assertThat(received.getSubject()).isEqualTo("Welcome to City of Mesa utility service - account " + account.accountNumber());
        MimeMultipart parts = (MimeMultipart) received.getContent();
        boolean hasPdf = false;
        for (int i = 0; i < parts.getCount(); i++) {
            hasPdf |= parts.getBodyPart(i).getContentType().toLowerCase().contains("application/pdf");
        }
        assertThat(hasPdf).as("the letter's PDF is attached").isTrue();
        assertThat(jdbc.sql("select channel from contact_log where account_id = ?").param(account.accountId())
                .query(String.class).single()).isEqualTo("EMAIL");
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void a_sending_failure_is_kept_as_send_failed_with_the_reason() {
        String bad = "bad" + System.nanoTime() + "@example.com";
        var account = TestAccounts.create(jdbc, "en", false, bad);
        smtp.stop();
        try {
            Letters.Letter letter = letters.send(account.accountId(), "WELCOME", Map.of(), LetterDelivery.EMAIL);
            assertThat(letter.status()).isEqualTo(LetterStatus.SEND_FAILED);
            assertThat(letter.statusDetail()).startsWith("Sending failed");
            assertThat(letters.find(letter.id()).status()).isEqualTo(LetterStatus.SEND_FAILED);
        } finally {
            smtp.start();
        }
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void a_letter_is_e_mailed_only_after_its_transaction_commits_and_never_when_it_rolls_back() throws Exception {
        String address = "rollback" + System.nanoTime() + "@example.com";
        var account = TestAccounts.create(jdbc, "en", true, address);
        tx.executeWithoutResult(s -> {
            Letters.Letter letter = letters.send(account.accountId(), "WELCOME", Map.of(), LetterDelivery.AUTO);
            assertThat(letter.status()).isEqualTo(LetterStatus.QUEUED);
            s.setRollbackOnly();
        });
        assertThat(messagesTo(address)).isZero();
        assertThat(jdbc.sql("select count(*) from letter where account_id = ?").param(account.accountId())
                .query(Long.class).single()).isZero();

        long[] id = new long[1];
        tx.executeWithoutResult(s -> {
            id[0] = letters.send(account.accountId(), "WELCOME", Map.of(), LetterDelivery.AUTO).id();
            try {
                assertThat(messagesTo(address)).as("nothing is e-mailed before the commit").isZero();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(messagesTo(address)).isEqualTo(1);
        assertThat(letters.find(id[0]).status()).isEqualTo(LetterStatus.SENT);
        assertThat(audited(account.accountNumber(), "letter-queued")).isEqualTo(1);
        assertThat(audited(account.accountNumber(), "letter-sent")).isEqualTo(1);
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void a_failed_letter_is_retried_by_the_job_after_its_back_off_and_then_sent() throws Exception {
        String address = "retry" + System.nanoTime() + "@example.com";
        var account = TestAccounts.create(jdbc, "en", false, address);
        long id;
        smtp.stop();
        try {
            id = letters.send(account.accountId(), "WELCOME", Map.of(), LetterDelivery.EMAIL).id();
        } finally {
            smtp.start();
        }
        assertThat(letters.find(id).status()).isEqualTo(LetterStatus.SEND_FAILED);
        assertThat(letters.find(id).statusDetail()).contains("attempt 1 of 5; will be retried");

        retries.retryUndelivered();
        assertThat(letters.find(id).status()).as("the back-off has not passed").isEqualTo(LetterStatus.SEND_FAILED);

        jdbc.sql("update letter set last_attempt_at = last_attempt_at - interval '1 hour' where id = ?").param(id).update();
        retries.retryUndelivered();

        assertThat(letters.find(id).status()).isEqualTo(LetterStatus.SENT);
        assertThat(messagesTo(address)).isEqualTo(1);
        assertThat(jdbc.sql("select attempts from letter where id = ?").param(id).query(Integer.class).single()).isEqualTo(2);
        assertThat(audited(account.accountNumber(), "letter-send-failed")).isEqualTo(1);
        assertThat(audited(account.accountNumber(), "letter-sent")).isEqualTo(1);
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void a_letter_that_failed_as_often_as_allowed_is_not_retried() {
        var account = TestAccounts.create(jdbc, "en", false, "gaveup" + System.nanoTime() + "@example.com");
        long id = letters.send(account.accountId(), "WELCOME", Map.of(), LetterDelivery.EMAIL).id();
        jdbc.sql("""
                update letter set status = 'SEND_FAILED', attempts = ?, last_attempt_at = now() - interval '1 day'
                 where id = ?""").params(mailer.maxAttempts(), id).update();
        retries.retryUndelivered();
        assertThat(letters.find(id).status()).isEqualTo(LetterStatus.SEND_FAILED);
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void a_letter_abandoned_while_sending_or_missed_by_a_crash_is_sent_by_the_job() throws Exception {
        String abandonedTo = "abandoned" + System.nanoTime() + "@example.com";
        String missedTo = "missed" + System.nanoTime() + "@example.com";
        long abandoned = letters.send(TestAccounts.create(jdbc, "en", false, abandonedTo).accountId(), "WELCOME",
                Map.of(), LetterDelivery.EMAIL).id();
        long missed = letters.send(TestAccounts.create(jdbc, "en", false, missedTo).accountId(), "WELCOME",
                Map.of(), LetterDelivery.EMAIL).id();
        jdbc.sql("""
                update letter set status = 'SENDING', last_attempt_at = now() - interval '11 minutes',
                                  created_at = now() - interval '12 minutes'
                 where id = ?""").param(abandoned).update();
        jdbc.sql("update letter set status = 'QUEUED', created_at = now() - interval '2 minutes' where id = ?")
                .param(missed).update();

        retries.retryUndelivered();

        assertThat(letters.find(abandoned).status()).isEqualTo(LetterStatus.SENT);
        assertThat(letters.find(missed).status()).isEqualTo(LetterStatus.SENT);
        assertThat(messagesTo(abandonedTo)).as("once at first, once again after it was abandoned").isEqualTo(2);
        assertThat(messagesTo(missedTo)).isEqualTo(2);
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void two_concurrent_deliveries_of_one_letter_send_it_once() throws Exception {
        String address = "concurrent" + System.nanoTime() + "@example.com";
        var account = TestAccounts.create(jdbc, "en", false, address);
        long id = letters.send(account.accountId(), "WELCOME", Map.of(), LetterDelivery.EMAIL).id();
        assertThat(messagesTo(address)).isEqualTo(1);
        jdbc.sql("update letter set status = 'QUEUED' where id = ?").param(id).update();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> deliveries = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                deliveries.add(pool.submit(() -> {
                    start.await();
                    return mailer.deliver(id);
                }));
            }
            start.countDown();
            long sent = 0;
            for (Future<Boolean> d : deliveries) {
                sent += d.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(sent).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(messagesTo(address)).isEqualTo(2);
        assertThat(letters.find(id).status()).isEqualTo(LetterStatus.SENT);
    }
}

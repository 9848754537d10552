package org.civicdesk.customer.internal.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Map;
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
}

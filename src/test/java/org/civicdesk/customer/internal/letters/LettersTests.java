package org.civicdesk.customer.internal.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.civicdesk.customer.LetterDelivery;
import org.civicdesk.customer.LetterStatus;
import org.civicdesk.customer.Letters;
import org.civicdesk.customer.internal.casework.TestAccounts;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.support.CivicDeskTest;
import org.civicdesk.support.SettableClock;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

@CivicDeskTest
class LettersTests {

    @Autowired JdbcClient jdbc;
    @Autowired Letters letters;
    @Autowired SettableClock clock;
    @Autowired MockMvc mvc;

    @AfterEach
    void realTime() {
        clock.set(Instant.now());
    }

    static String pdfText(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return text.toString();
        } finally {
            reader.close();
        }
    }

    private long count(String table, long accountId) {
        return jdbc.sql("select count(*) from " + table + " where account_id = ?").param(accountId).query(Long.class).single();
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void a_spanish_account_gets_its_letter_in_spanish_as_a_real_pdf_printed_for_the_mail_room() throws Exception {
        clock.set(ZonedDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneId.of("America/Phoenix")).toInstant());
        var account = TestAccounts.create(jdbc, "es", false, null);
        Letters.Letter letter = letters.send(account.accountId(), "deposit_required",
                Map.of("amount", "$150.00", "dueDate", "10 de diciembre de 2026"), LetterDelivery.AUTO);

        assertThat(letter.language()).isEqualTo("es");
        assertThat(letter.status()).isEqualTo(LetterStatus.PRINTED);
        assertThat(letter.delivery()).isEqualTo("MAIL");
        assertThat(letter.subject()).isEqualTo("Depósito de garantía requerido - cuenta " + account.accountNumber());
        assertThat(letter.body()).startsWith("Estimado(a) " + account.customerName())
                .contains("depósito de garantía de $150.00").doesNotContain("{{");

        byte[] pdf = letters.pdf(letter.id());
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String text = pdfText(pdf);
        assertThat(text).contains("City of Mesa (demo)", "Utility Services", "26 de noviembre de 2026",
                "123 W Main St", "Mesa, AZ 85201", account.customerName(), "Servicio al Cliente");

        var contact = jdbc.sql("select channel, direction from contact_log where account_id = ?")
                .param(account.accountId()).query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).single();
        assertThat(contact).isEqualTo("LETTER/OUTBOUND");
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'account' and record_id = ? and action = 'letter-sent'")
                .param(account.accountNumber()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void a_template_missing_the_accounts_language_is_refused_naming_it_and_nothing_is_written() {
        String code = "TEST_ONLY_" + System.nanoTime();
        jdbc.sql("insert into letter_template (code, language, title, subject, body) values (?, 'en', 'Test', 'Hello', 'Dear {{customerName}}')")
                .param(code).update();
        var account = TestAccounts.create(jdbc, "es", false, null);
        assertThatThrownBy(() -> letters.send(account.accountId(), code, Map.of(), LetterDelivery.MAIL))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("letter.translation-missing");
                    assertThat(e.problems().get(0).reason()).contains(code).contains("Spanish");
                });
        assertThat(count("letter", account.accountId())).isZero();
        assertThat(count("contact_log", account.accountId())).isZero();

        var english = TestAccounts.create(jdbc, "en", false, null);
        assertThat(letters.send(english.accountId(), code, Map.of(), LetterDelivery.MAIL).body())
                .isEqualTo("Dear " + english.customerName());
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void a_placeholder_without_a_value_is_refused_naming_it() {
        var account = TestAccounts.create(jdbc, "en", false, null);
        assertThatThrownBy(() -> letters.send(account.accountId(), "FINAL_NOTICE", Map.of("amount", "$212.40"), LetterDelivery.MAIL))
                .isInstanceOfSatisfying(BusinessRuleViolation.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactly("values.dueDate"));
        assertThat(count("letter", account.accountId())).isZero();
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void every_seeded_template_exists_in_english_and_spanish_with_the_same_placeholders() {
        var en = letters.templates("en");
        var es = letters.templates("es");
        assertThat(en).extracting(Letters.LetterTemplate::code).contains("WELCOME", "DEPOSIT_REQUIRED", "FINAL_NOTICE",
                "RETURNED_PAYMENT", "DISPUTE_RESOLUTION", "SERVICE_STOPPED", "GENERAL");
        for (String code : java.util.List.of("WELCOME", "DEPOSIT_REQUIRED", "FINAL_NOTICE", "RETURNED_PAYMENT",
                "DISPUTE_RESOLUTION", "SERVICE_STOPPED", "GENERAL")) {
            var english = en.stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
            var spanish = es.stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
            assertThat(PlaceholderRendering.placeholders(spanish.subject(), spanish.body()))
                    .as(code).containsExactlyInAnyOrderElementsOf(
                            PlaceholderRendering.placeholders(english.subject(), english.body()));
        }
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void email_is_asked_for_but_without_smtp_the_letter_is_printed_and_says_why() {
        var account = TestAccounts.create(jdbc, "en", true, "maria" + System.nanoTime() + "@example.com");
        var letter = letters.send(account.accountId(), "WELCOME", Map.of(), LetterDelivery.AUTO);
        assertThat(letter.status()).isEqualTo(LetterStatus.PRINTED);
        assertThat(letter.statusDetail()).contains("no SMTP server");
    }

    @Test
    void letters_through_the_pages_and_the_api() throws Exception {
        var account = TestAccounts.create(jdbc, "en", false, null);
        String n = account.accountNumber();
        mvc.perform(get("/accounts/" + n + "/letters/new").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("Send a letter")));
        mvc.perform(post("/accounts/" + n + "/letters/new").with(httpBasic("csr", "civicdesk-demo")).with(csrf())
                        .param("templateCode", "GENERAL").param("action", "preview"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("id=\"message-error\"")));
        mvc.perform(post("/accounts/" + n + "/letters/new").with(httpBasic("csr", "civicdesk-demo")).with(csrf())
                        .param("templateCode", "GENERAL").param("message", "Your meter will be replaced on Monday.")
                        .param("action", "preview"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Your meter will be replaced on Monday.")));
        assertThat(count("letter", account.accountId())).isZero();
        mvc.perform(post("/accounts/" + n + "/letters/new").with(httpBasic("csr", "civicdesk-demo")).with(csrf())
                        .param("templateCode", "GENERAL").param("message", "Your meter will be replaced on Monday.")
                        .param("delivery", "MAIL").param("action", "send"))
                .andExpect(redirectedUrl("/accounts/" + n));
        long id = jdbc.sql("select id from letter where account_id = ?").param(account.accountId()).query(Long.class).single();
        mvc.perform(get("/accounts/" + n).with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Printed for mailing")));
        byte[] pdf = mvc.perform(get("/letters/" + id + ".pdf").with(httpBasic("cashier", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(pdfText(pdf)).contains("Your meter will be replaced on Monday.");

        mvc.perform(post("/api/v1/accounts/" + n + "/letters").with(httpBasic("cashier", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"templateCode\":\"WELCOME\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/accounts/" + n + "/letters").with(httpBasic("csr", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"templateCode\":\"RETURNED_PAYMENT\",\"values\":{\"amount\":\"$80.00\"}}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("values.dueDate"));
        mvc.perform(post("/api/v1/accounts/" + n + "/letters").with(httpBasic("csr", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"templateCode\":\"WELCOME\",\"delivery\":\"MAIL\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("PRINTED"));
        mvc.perform(get("/api/v1/accounts/" + n + "/letters").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2));
        mvc.perform(get("/api/v1/letters/" + id + "/pdf").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF));
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void the_pdf_is_laid_out_on_first_use_from_what_was_fixed_at_send_and_then_kept() throws Exception {
        clock.set(ZonedDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneId.of("America/Phoenix")).toInstant());
        var account = TestAccounts.create(jdbc, "en", false, null);
        Letters.Letter letter = letters.send(account.accountId(), "deposit_required",
                Map.of("amount", "$150.00", "dueDate", "December 10, 2026"), LetterDelivery.AUTO);
        assertThat(jdbc.sql("select pdf is null from letter where id = ?").param(letter.id()).query(Boolean.class).single())
                .as("no page laid out at send").isTrue();

        // the customer moves and the days pass before anyone opens the letter: it still shows what was sent
        jdbc.sql("update account set mailing_line1 = '9 New Address Rd' where id = ?").param(account.accountId()).update();
        clock.set(ZonedDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneId.of("America/Phoenix")).toInstant());
        byte[] first = letters.pdf(letter.id());
        String text = pdfText(first);
        assertThat(text).contains("November 26, 2026", "123 W Main St", "$150.00", "Customer Service")
                .doesNotContain("9 New Address Rd", "December 3, 2026");
        assertThat(jdbc.sql("select pdf from letter where id = ?").param(letter.id()).query(byte[].class).single())
                .as("kept after the first use").isEqualTo(first);
        assertThat(letters.pdf(letter.id())).isEqualTo(first);
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void many_letters_sent_together_each_get_their_row_contact_and_audit_records_in_the_accounts_language() throws Exception {
        clock.set(ZonedDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneId.of("America/Phoenix")).toInstant());
        var en = TestAccounts.create(jdbc, "en", false, null);
        var es = TestAccounts.create(jdbc, "es", false, null);
        var again = TestAccounts.create(jdbc, "en", false, null);
        java.util.List<Long> ids = letters.sendAll(java.util.List.of(
                new Letters.Request(en.accountId(), "deposit_required", Map.of("amount", "$10.00", "dueDate", "a"), LetterDelivery.AUTO),
                new Letters.Request(es.accountId(), "deposit_required", Map.of("amount", "$20.00", "dueDate", "b"), LetterDelivery.AUTO),
                new Letters.Request(again.accountId(), "deposit_required", Map.of("amount", "$30.00", "dueDate", "c"), null),
                new Letters.Request(again.accountId(), "deposit_required", Map.of("amount", "$40.00", "dueDate", "d"), LetterDelivery.MAIL)));

        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        assertThat(letters.find(ids.get(0)).accountId()).isEqualTo(en.accountId());
        assertThat(letters.find(ids.get(1)).language()).isEqualTo("es");
        assertThat(letters.find(ids.get(1)).body()).contains("$20.00");
        assertThat(letters.find(ids.get(3)).body()).contains("$40.00");
        assertThat(letters.find(ids.get(3)).status()).isEqualTo(LetterStatus.PRINTED);
        assertThat(pdfText(letters.pdf(ids.get(1)))).contains("26 de noviembre de 2026", "Servicio al Cliente", "$20.00");
        assertThat(count("letter", again.accountId())).isEqualTo(2);
        assertThat(jdbc.sql("select notes from contact_log where account_id = ? order by id").param(again.accountId())
                .query(String.class).list())
                .containsExactly("Letter " + ids.get(2) + " printed for mailing", "Letter " + ids.get(3) + " printed for mailing");
        for (var a : java.util.List.of(en, es)) {
            assertThat(jdbc.sql("""
                    select string_agg(action, ',' order by action) from audit_event where record_type = 'account' and record_id = ?""")
                    .param(a.accountNumber()).query(String.class).single()).contains("contact-logged", "letter-sent");
        }
        assertThat(jdbc.sql("""
                select count(*) from audit_event where record_type = 'account' and record_id = ? and action = 'letter-sent'
                   and cast(after_state ->> 'letterId' as bigint) in (?, ?)""")
                .params(again.accountNumber(), ids.get(2), ids.get(3)).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    @WithMockUser(username = "csr", authorities = {"CUSTOMER_VIEW", "LETTER_SEND"})
    void one_letter_of_many_that_cannot_be_made_fails_them_all_and_nothing_is_written() {
        var en = TestAccounts.create(jdbc, "en", false, null);
        var other = TestAccounts.create(jdbc, "en", false, null);
        assertThatThrownBy(() -> letters.sendAll(java.util.List.of(
                new Letters.Request(en.accountId(), "deposit_required", Map.of("amount", "$10.00", "dueDate", "a"), null),
                new Letters.Request(other.accountId(), "NO_SUCH_TEMPLATE", Map.of(), null))))
                .isInstanceOf(BusinessRuleViolation.class).hasMessageContaining("NO_SUCH_TEMPLATE");
        assertThat(count("letter", en.accountId())).isZero();
        assertThat(count("contact_log", en.accountId())).isZero();
    }
}

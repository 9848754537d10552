package org.civicdesk.customer.internal.letters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.customer.Contacts;
import org.civicdesk.customer.LetterDelivery;
import org.civicdesk.customer.LetterStatus;
import org.civicdesk.customer.Letters;
import org.civicdesk.customer.internal.casework.AccountRecords;
import org.civicdesk.customer.internal.casework.AccountRecords.AccountRef;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Letters from letter_template, rendered in the account's language, stored in letter with their PDF, e-mailed
 * through the configured SMTP server or printed for the mail room, and logged as outbound contacts. A letter to be
 * e-mailed is stored as QUEUED (an outbox) and sent by the {@link LetterMailer} only after the commit.
 */
@Service
class JdbcLetters implements Letters {

    private static final Map<String, String> LANGUAGE_NAMES = Map.of("en", "English", "es", "Spanish");

    private final JdbcClient jdbc;
    private final AccountRecords accounts;
    private final Contacts contacts;
    private final AuditTrail audit;
    private final BusinessTime time;
    private final ObjectProvider<JavaMailSender> mail;
    private final LetterMailer mailer;
    private final TransactionTemplate tx;

    JdbcLetters(JdbcClient jdbc, AccountRecords accounts, Contacts contacts, AuditTrail audit, BusinessTime time,
            ObjectProvider<JavaMailSender> mail, LetterMailer mailer, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.contacts = contacts;
        this.audit = audit;
        this.time = time;
        this.mail = mail;
        this.mailer = mailer;
        this.tx = tx;
    }

    @Override
    public List<LetterTemplate> templates(String language) {
        return jdbc.sql("select * from letter_template where language = ? order by code").param(language)
                .query((rs, n) -> new LetterTemplate(rs.getString("code"), rs.getString("language"),
                        rs.getString("title"), rs.getString("subject"), rs.getString("body")))
                .list();
    }

    @Override
    public Preview preview(long accountId, String templateCode, Map<String, String> values) {
        AccountRef account = accounts.byId(accountId);
        return render(account, templateCode, values);
    }

    private Preview render(AccountRef account, String templateCode, Map<String, String> given) {
        if (templateCode == null || templateCode.isBlank()) {
            throw new BusinessRuleViolation("letter.template-required", "templateCode", "Choose a letter template");
        }
        String code = templateCode.trim().toUpperCase(Locale.ROOT);
        String language = account.language();
        LetterTemplate template = jdbc.sql("select * from letter_template where code = ? and language = ?")
                .params(code, language)
                .query((rs, n) -> new LetterTemplate(rs.getString("code"), rs.getString("language"),
                        rs.getString("title"), rs.getString("subject"), rs.getString("body")))
                .optional()
                .orElseThrow(() -> missing(code, language));
        Map<String, String> values = new HashMap<>();
        if (given != null) {
            given.forEach((k, v) -> {
                if (k != null && v != null && !v.isBlank()) {
                    values.put(k, v);
                }
            });
        }
        values.put("customerName", account.customerName());
        values.put("accountNumber", account.accountNumber());
        values.putIfAbsent("serviceAddress", account.serviceAddress() != null ? account.serviceAddress()
                : account.mailingLine1() + ", " + account.cityStateZip());
        values.put("date", longDate(language));
        PlaceholderRendering.requireValues(code, values, template.subject(), template.body());
        return new Preview(code, language, PlaceholderRendering.fill(template.subject(), values),
                PlaceholderRendering.fill(template.body(), values));
    }

    private BusinessRuleViolation missing(String code, String language) {
        long any = jdbc.sql("select count(*) from letter_template where code = ?").param(code).query(Long.class).single();
        if (any == 0) {
            return new BusinessRuleViolation("letter.template-unknown", "templateCode", "There is no letter template " + code);
        }
        return new BusinessRuleViolation("letter.translation-missing", "templateCode",
                "The letter template " + code + " has no " + LANGUAGE_NAMES.getOrDefault(language, language)
                        + " (" + language + ") version; the account's letters are in that language");
    }

    private String longDate(String language) {
        return time.today().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale("es".equals(language) ? Locale.forLanguageTag("es-US") : Locale.US));
    }

    /**
     * Stores the letter and, when it is to be e-mailed, hands it to the {@link LetterMailer} once the transaction
     * has committed: nothing is e-mailed for a letter that was never stored. Joins the caller's transaction if
     * there is one; the letter returned shows its state when this method returns (SENT or SEND_FAILED when the
     * transaction was this method's own, QUEUED while an enclosing transaction is still open).
     */
    @Override
    public Letter send(long accountId, String templateCode, Map<String, String> values, LetterDelivery delivery) {
        Long id = tx.execute(s -> store(accountId, templateCode, values, delivery));
        return find(id);
    }

    private long store(long accountId, String templateCode, Map<String, String> values, LetterDelivery delivery) {
        AccountRef account = accounts.byId(accountId);
        Preview letter = render(account, templateCode, values);
        boolean es = "es".equals(account.language());
        List<String> address = new ArrayList<>();
        address.add(account.customerName());
        address.add(account.mailingLine1());
        if (account.mailingLine2() != null && !account.mailingLine2().isBlank()) {
            address.add(account.mailingLine2());
        }
        address.add(account.cityStateZip());
        byte[] pdf = LetterPdf.render(new LetterPdf.Content(longDate(account.language()), address, letter.subject(),
                letter.body(), es ? "Servicio al Cliente" : "Customer Service",
                es ? "Servicios Públicos" : "Utility Services"));

        LetterDelivery wanted = delivery == null ? LetterDelivery.AUTO : delivery;
        boolean wantsEmail = wanted == LetterDelivery.EMAIL || (wanted == LetterDelivery.AUTO && account.paperless());
        String printedWhy = null;
        if (wantsEmail && account.email() == null) {
            printedWhy = "E-mail requested but the customer has no e-mail address; printed for mailing";
        } else if (wantsEmail && mail.getIfAvailable() == null) {
            printedWhy = "E-mail requested but no SMTP server is configured; printed for mailing";
        }
        boolean byEmail = wantsEmail && printedWhy == null;
        String user = CurrentStaff.username().orElse("system");
        long id = jdbc.sql("""
                insert into letter (account_id, template_code, language, subject, body, pdf, delivery, email_to, status,
                                    status_detail, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(accountId, letter.templateCode(), letter.language(), letter.subject(), letter.body(), pdf,
                        byEmail ? "EMAIL" : "MAIL", byEmail ? account.email() : null,
                        byEmail ? LetterStatus.QUEUED.name() : LetterStatus.PRINTED.name(), printedWhy,
                        Timestamp.from(time.now()), user)
                .query(Long.class).single();
        Letter stored = find(id);
        contacts.log(accountId, new Contacts.NewContact(byEmail ? Contacts.Channel.EMAIL : Contacts.Channel.LETTER,
                Contacts.Direction.OUTBOUND, "Letter " + letter.templateCode() + ": " + letter.subject(),
                "Letter " + id + " " + (byEmail ? "queued for e-mail to " + account.email() : "printed for mailing")
                        + (stored.statusDetail() == null ? "" : " (" + stored.statusDetail() + ")"),
                null));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("letterId", id);
        after.put("templateCode", letter.templateCode());
        after.put("language", letter.language());
        after.put("subject", letter.subject());
        after.put("delivery", stored.delivery());
        after.put("emailTo", stored.emailTo());
        after.put("status", stored.status().name());
        after.put("statusDetail", stored.statusDetail());
        audit.recordChange("account", account.accountNumber(), byEmail ? "letter-queued" : "letter-sent", null, after);
        if (byEmail) {
            deliverOnceCommitted(id);
        }
        return id;
    }

    /** Hands the letter to the mailer after the commit of the current transaction, or at once without one. */
    private void deliverOnceCommitted(long letterId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            mailer.deliver(letterId);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                mailer.deliver(letterId);
            }
        });
    }

    @Override
    public Letter find(long letterId) {
        return jdbc.sql("""
                select id, account_id, template_code, language, subject, body, delivery, email_to, status, status_detail,
                       created_at, created_by from letter where id = ?""")
                .param(letterId).query(JdbcLetters::map).optional()
                .orElseThrow(() -> new RecordNotFound("letterId", "No letter " + letterId));
    }

    @Override
    public byte[] pdf(long letterId) {
        return jdbc.sql("select pdf from letter where id = ?").param(letterId).query(byte[].class).optional()
                .orElseThrow(() -> new RecordNotFound("letterId", "No letter " + letterId));
    }

    @Override
    public List<Letter> forAccount(long accountId) {
        return jdbc.sql("""
                select id, account_id, template_code, language, subject, body, delivery, email_to, status, status_detail,
                       created_at, created_by from letter where account_id = ? order by created_at desc, id desc""")
                .param(accountId).query(JdbcLetters::map).list();
    }

    private static Letter map(ResultSet rs, int n) throws SQLException {
        return new Letter(rs.getLong("id"), rs.getLong("account_id"), rs.getString("template_code"),
                rs.getString("language"), rs.getString("subject"), rs.getString("body"), rs.getString("delivery"),
                rs.getString("email_to"), LetterStatus.valueOf(rs.getString("status")), rs.getString("status_detail"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }
}

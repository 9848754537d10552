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
 * Letters from letter_template, rendered in the account's language, stored in letter (the PDF laid out on first
 * use by {@link LetterPdfs}), e-mailed
 * through the configured SMTP server or printed for the mail room, and logged as outbound contacts. A letter to be
 * e-mailed is stored as QUEUED (an outbox) and sent by the {@link LetterMailer} only after the commit.
 */
@Service
class JdbcLetters implements Letters {

    private static final Map<String, String> LANGUAGE_NAMES = Map.of("en", "English", "es", "Spanish");

    private final JdbcClient jdbc;
    private final AccountRecords accounts;
    private final AuditTrail audit;
    private final BusinessTime time;
    private final ObjectProvider<JavaMailSender> mail;
    private final LetterMailer mailer;
    private final TransactionTemplate tx;
    private final LetterPdfs pdfs;

    JdbcLetters(JdbcClient jdbc, AccountRecords accounts, AuditTrail audit, BusinessTime time,
            ObjectProvider<JavaMailSender> mail, LetterMailer mailer, TransactionTemplate tx, LetterPdfs pdfs) {
        this.pdfs = pdfs;
        this.jdbc = jdbc;
        this.accounts = accounts;
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
        return render(account, templateCode, given, new HashMap<>());
    }

    /** Renders with the templates already read kept in known (by code and language). */
    private Preview render(AccountRef account, String templateCode, Map<String, String> given,
            Map<String, LetterTemplate> known) {
        if (templateCode == null || templateCode.isBlank()) {
            throw new BusinessRuleViolation("letter.template-required", "templateCode", "Choose a letter template");
        }
        String code = templateCode.trim().toUpperCase(Locale.ROOT);
        String language = account.language();
        LetterTemplate template = known.get(code + "/" + language);
        if (template == null) {
            template = jdbc.sql("select * from letter_template where code = ? and language = ?")
                    .params(code, language)
                    .query((rs, n) -> new LetterTemplate(rs.getString("code"), rs.getString("language"),
                            rs.getString("title"), rs.getString("subject"), rs.getString("body")))
                    .optional()
                    .orElseThrow(() -> missing(code, language));
            known.put(code + "/" + language, template);
        }
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
        Long id = tx.execute(s -> storeAll(List.of(new Request(accountId, templateCode, values, delivery))).get(0));
        return find(id);
    }

    @Override
    public List<Long> sendAll(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        return tx.execute(s -> storeAll(requests));
    }

    /** What one letter of a batch becomes: its row, its contact-log row and its audit records. */
    private record Made(AccountRef account, Preview letter, String letterDate, String addressBlock, String signature,
            String signatureTitle, boolean byEmail, String printedWhy) {
    }

    /**
     * Renders the letters' text, then writes the letters (their PDF is laid out on first use by {@link LetterPdfs}
     * from the date, address and signature stored here), their contact-log rows and audit records a statement each.
     */
    private List<Long> storeAll(List<Request> requests) {
        Map<Long, AccountRef> refs = accounts.byIds(requests.stream().map(Request::accountId).distinct().toList());
        Map<String, LetterTemplate> templates = new HashMap<>();
        boolean smtp = mail.getIfAvailable() != null;
        List<Made> made = new ArrayList<>(requests.size());
        for (Request r : requests) {
            AccountRef account = refs.get(r.accountId());
            if (account == null) {
                throw new RecordNotFound("accountId", "No account with id " + r.accountId());
            }
            Preview letter = render(account, r.templateCode(), r.values(), templates);
            boolean es = "es".equals(account.language());
            List<String> address = new ArrayList<>();
            address.add(account.customerName());
            address.add(account.mailingLine1());
            if (account.mailingLine2() != null && !account.mailingLine2().isBlank()) {
                address.add(account.mailingLine2());
            }
            address.add(account.cityStateZip());
            LetterDelivery wanted = r.delivery() == null ? LetterDelivery.AUTO : r.delivery();
            boolean wantsEmail = wanted == LetterDelivery.EMAIL || (wanted == LetterDelivery.AUTO && account.paperless());
            String printedWhy = null;
            if (wantsEmail && account.email() == null) {
                printedWhy = "E-mail requested but the customer has no e-mail address; printed for mailing";
            } else if (wantsEmail && !smtp) {
                printedWhy = "E-mail requested but no SMTP server is configured; printed for mailing";
            }
            made.add(new Made(account, letter, longDate(account.language()), String.join("\n", address),
                    es ? "Servicio al Cliente" : "Customer Service", es ? "Servicios Públicos" : "Utility Services",
                    wantsEmail && printedWhy == null, printedWhy));
        }
        int n = made.size();
        String user = CurrentStaff.username().orElse("system");
        Timestamp now = Timestamp.from(time.now());
        // ids first, so that every later row (contact log, audit, the e-mail hand-over) names its letter surely
        List<Long> ids = reserve("letter", n);
        jdbc.sql("""
                insert into letter (id, account_id, template_code, language, subject, body, letter_date, address_block,
                                    signature, signature_title, delivery, email_to, status, status_detail, created_at,
                                    created_by)
                overriding system value
                select id, acc, tc, lang, subj, body, dt, addr, sig, sigt, dlv, em, st, det, :at, :by
                  from unnest(:id, :acc, :tc, :lang, :subj, :body, :dt, :addr, :sig, :sigt, :dlv, :em, :st, :det)
                       as t(id, acc, tc, lang, subj, body, dt, addr, sig, sigt, dlv, em, st, det)""")
                .param("id", ids.toArray(Long[]::new))
                .param("acc", made.stream().map(m -> m.account().id()).toArray(Long[]::new))
                .param("tc", made.stream().map(m -> m.letter().templateCode()).toArray(String[]::new))
                .param("lang", made.stream().map(m -> m.letter().language()).toArray(String[]::new))
                .param("subj", made.stream().map(m -> m.letter().subject()).toArray(String[]::new))
                .param("body", made.stream().map(m -> m.letter().body()).toArray(String[]::new))
                .param("dt", made.stream().map(Made::letterDate).toArray(String[]::new))
                .param("addr", made.stream().map(Made::addressBlock).toArray(String[]::new))
                .param("sig", made.stream().map(Made::signature).toArray(String[]::new))
                .param("sigt", made.stream().map(Made::signatureTitle).toArray(String[]::new))
                .param("dlv", made.stream().map(m -> m.byEmail() ? "EMAIL" : "MAIL").toArray(String[]::new))
                .param("em", made.stream().map(m -> m.byEmail() ? m.account().email() : null).toArray(String[]::new))
                .param("st", made.stream().map(m -> m.byEmail() ? LetterStatus.QUEUED.name() : LetterStatus.PRINTED.name())
                        .toArray(String[]::new))
                .param("det", made.stream().map(Made::printedWhy).toArray(String[]::new))
                .param("at", now).param("by", user).update();
        List<Long> contactIds = reserve("contact_log", n);
        List<String> reasons = new ArrayList<>(n);
        List<String> notes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Made m = made.get(i);
            String reason = "Letter " + m.letter().templateCode() + ": " + m.letter().subject();
            // the contact log keeps reasons short; the letter itself keeps the whole subject
            reasons.add(reason.length() > CONTACT_REASON_MAX ? reason.substring(0, CONTACT_REASON_MAX - 1) + "…" : reason);
            notes.add("Letter " + ids.get(i) + " " + (m.byEmail() ? "queued for e-mail to " + m.account().email()
                    : "printed for mailing") + (m.printedWhy() == null ? "" : " (" + m.printedWhy() + ")"));
        }
        jdbc.sql("""
                insert into contact_log (id, account_id, customer_id, channel, direction, reason, notes, contacted_at,
                                         recorded_by)
                overriding system value
                select id, acc, cust, ch, 'OUTBOUND', r, nt, :at, :by
                  from unnest(:id, :acc, :cust, :ch, :r, :nt) as t(id, acc, cust, ch, r, nt)""")
                .param("id", contactIds.toArray(Long[]::new))
                .param("acc", made.stream().map(m -> m.account().id()).toArray(Long[]::new))
                .param("cust", made.stream().map(m -> m.account().customerId()).toArray(Long[]::new))
                .param("ch", made.stream().map(m -> m.byEmail() ? "EMAIL" : "LETTER").toArray(String[]::new))
                .param("r", reasons.toArray(String[]::new)).param("nt", notes.toArray(String[]::new))
                .param("at", now).param("by", user).update();
        List<AuditTrail.Change> contactChanges = new ArrayList<>(n);
        List<AuditTrail.Change> sent = new ArrayList<>();
        List<AuditTrail.Change> queued = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Made m = made.get(i);
            Map<String, Object> contact = new LinkedHashMap<>();
            contact.put("contactId", contactIds.get(i));
            contact.put("channel", m.byEmail() ? "EMAIL" : "LETTER");
            contact.put("direction", "OUTBOUND");
            contact.put("reason", reasons.get(i));
            contact.put("notes", notes.get(i));
            contact.put("verificationId", null);
            contactChanges.add(new AuditTrail.Change(m.account().accountNumber(), null, contact));
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("letterId", ids.get(i));
            after.put("templateCode", m.letter().templateCode());
            after.put("language", m.letter().language());
            after.put("subject", m.letter().subject());
            after.put("delivery", m.byEmail() ? "EMAIL" : "MAIL");
            after.put("emailTo", m.byEmail() ? m.account().email() : null);
            after.put("status", m.byEmail() ? LetterStatus.QUEUED.name() : LetterStatus.PRINTED.name());
            after.put("statusDetail", m.printedWhy());
            (m.byEmail() ? queued : sent).add(new AuditTrail.Change(m.account().accountNumber(), null, after));
        }
        audit.recordChanges("account", "contact-logged", contactChanges);
        audit.recordChanges("account", "letter-sent", sent);
        audit.recordChanges("account", "letter-queued", queued);
        for (int i = 0; i < n; i++) {
            if (made.get(i).byEmail()) {
                deliverOnceCommitted(ids.get(i));
            }
        }
        return ids;
    }

    /** Contact-log reasons are kept under this length (as the contact log asks of staff). */
    static final int CONTACT_REASON_MAX = 200;

    /** Takes n ids of the table's identity column, so rows written together can be named before they are. */
    private List<Long> reserve(String table, int n) {
        return jdbc.sql("select nextval(pg_get_serial_sequence(:t, 'id')) from generate_series(1, :n)")
                .param("t", table).param("n", n).query(Long.class).list();
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
        return pdfs.pdf(letterId);
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

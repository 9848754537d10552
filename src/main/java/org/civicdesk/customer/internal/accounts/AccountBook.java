package org.civicdesk.customer.internal.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.customer.AccountChange;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.Address;
import org.civicdesk.customer.Agreement;
import org.civicdesk.customer.CallerVerification;
import org.civicdesk.customer.CustomerDetails;
import org.civicdesk.customer.Phone;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts in PostgreSQL; every change audited as record type account, id the account number. */
@Service
class AccountBook implements Accounts {

    private static final Set<String> ALERT_TYPES = Set.of("CASH_ONLY", "FRAUD_WATCH", "MEDICAL_CERTIFICATE", "BANKRUPTCY",
            "ARRANGEMENT", "DEPOSIT_DUE");
    private static final Set<String> CHANNELS = Set.of("COUNTER", "PHONE", "EMAIL", "WEB");
    private static final Set<String> METHODS = Set.of("PHOTO_ID", "ID_DOCUMENT_NUMBER", "ACCOUNT_DETAILS", "LAST4_TAX_ID",
            "DATE_OF_BIRTH", "AUTHORIZED_PERSON");

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final CustomerRegistry customers;
    private final org.civicdesk.audit.AuditHistory auditHistory;

    AccountBook(JdbcClient jdbc, AuditTrail audit, Clock clock, CustomerRegistry customers,
            org.civicdesk.audit.AuditHistory auditHistory) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.customers = customers;
        this.auditHistory = auditHistory;
    }

    /** What an account change audit shows before and after. */
    record Settings(Address mailing, Integer billDueDay, boolean paperless, String language, List<Phone> phones,
            List<String> emails, boolean receivesReversion) {
    }

    static List<Agreement> agreementsWhere(JdbcClient jdbc, String condition, Map<String, ?> params) {
        return jdbc.sql("""
                select a.id, acc.account_number, a.premise_id,
                       p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city as address,
                       a.service_type, a.rate_schedule, a.start_date, a.end_date, a.status, a.final_bill_requested,
                       a.reverted_from_id
                from service_agreement a join account acc on acc.id = a.account_id join premise p on p.id = a.premise_id
                where
                """ + condition + " order by a.start_date desc, a.id desc")
                .params(params)
                .query((rs, n) -> new Agreement(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class),
                        rs.getString(9), rs.getBoolean(10), (Long) rs.getObject(11)))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public long idOf(AccountNumber number) {
        return jdbc.sql("select id from account where account_number = :n").param("n", number.value())
                .query(Long.class).optional()
                .orElseThrow(() -> new RecordNotFound("accountNumber", "No account " + number));
    }

    @Override
    public java.util.Set<String> billsDueOn(java.util.Collection<String> accountNumbers, java.time.LocalDate date) {
        if (accountNumbers.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select account_number from account
                where account_number = any(:n) and bill_due_day = extract(day from :d::date)::int""")
                .param("n", accountNumbers.toArray(String[]::new)).param("d", date).query(String.class).list());
    }

    @Override
    public AccountNumber numberOf(long accountId) {
        return jdbc.sql("select account_number from account where id = :id").param("id", accountId)
                .query(String.class).optional().map(AccountNumber::new)
                .orElseThrow(() -> new RecordNotFound("accountId", "No account with id " + accountId));
    }

    @Override
    @Transactional(readOnly = true)
    public AccountDetails account(AccountNumber number) {
        long id = idOf(number);
        Map<String, Object> r = jdbc.sql("""
                select a.*, c.display_name from account a join customer c on c.id = a.customer_id where a.id = :id
                """).param("id", id).query().singleRow();
        List<AccountDetails.AuthorizedPerson> people = jdbc.sql("""
                select id, name, relationship, phone_digits, added_at, added_by from account_authorized_person
                where account_id = :a and removed_at is null order by id
                """).param("a", id).query((rs, n) -> new AccountDetails.AuthorizedPerson(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6))).list();
        List<AccountDetails.Alert> alerts = jdbc.sql("""
                select id, alert_type, note, starts_on, ends_on, created_by from account_alert
                where account_id = :a and ended_at is null and (ends_on is null or ends_on >= :today) order by id
                """).param("a", id).param("today", LocalDate.now(clock))
                .query((rs, n) -> new AccountDetails.Alert(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6))).list();
        List<AccountDetails.ServiceOrder> orders = jdbc.sql("""
                select id, premise_id, service_agreement_id, order_type, requested_for, status, note
                from pending_service_order where account_id = :a order by requested_for, id
                """).param("a", id).query((rs, n) -> new AccountDetails.ServiceOrder(rs.getLong(1), rs.getLong(2),
                        (Long) rs.getObject(3), rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6),
                        rs.getString(7))).list();
        return new AccountDetails(id, number.value(), ((Number) r.get("customer_id")).longValue(),
                (String) r.get("display_name"), (String) r.get("account_class"), (String) r.get("status"),
                new Address((String) r.get("mailing_line1"), (String) r.get("mailing_line2"), (String) r.get("mailing_city"),
                        (String) r.get("mailing_state"), (String) r.get("mailing_zip")),
                (Integer) r.get("bill_due_day"), (Boolean) r.get("paperless"), (String) r.get("language"),
                ((java.sql.Date) r.get("opened_on")).toLocalDate(),
                r.get("closed_on") == null ? null : ((java.sql.Date) r.get("closed_on")).toLocalDate(),
                (Boolean) r.get("receives_reversion"), people, alerts,
                agreementsWhere(jdbc, "a.account_id = :id", Map.of("id", id)), orders);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Agreement> agreements(AccountNumber number) {
        return agreementsWhere(jdbc, "a.account_id = :id", Map.of("id", idOf(number)));
    }

    private Settings settings(AccountDetails a) {
        CustomerDetails c = customers.customer(a.customerId());
        return new Settings(a.mailing(), a.billDueDay(), a.paperless(), a.language(), c.phones(), c.emails(),
                a.receivesReversion());
    }

    @Override
    @Transactional
    public AccountDetails change(AccountNumber number, AccountChange change) {
        AccountDetails before = account(number);
        List<FieldProblem> p = new ArrayList<>();
        if (change.mailing() != null) {
            p.addAll(CustomerRegistry.addressProblems(change.mailing(), "mailing."));
        }
        ServiceRules.dueDayOutOfRange(change.billDueDay()).ifPresent(r -> p.add(new FieldProblem("billDueDay", r)));
        if (change.language() != null && !Set.of("en", "es").contains(change.language())) {
            p.add(new FieldProblem("language", "The language is English (en) or Spanish (es)"));
        }
        p.addAll(CustomerRegistry.contactProblems(change.phones(), change.emails(), ""));
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("account.invalid-change", "The change cannot be saved: " + p.get(0).reason(), p);
        }
        Settings old = settings(before);
        Address m = change.mailing();
        jdbc.sql("""
                update account set
                  mailing_line1 = coalesce(:l1, mailing_line1), mailing_line2 = case when :hasMailing then :l2 else mailing_line2 end,
                  mailing_city = coalesce(:city, mailing_city), mailing_state = coalesce(:state, mailing_state),
                  mailing_zip = coalesce(:zip, mailing_zip), bill_due_day = coalesce(:due, bill_due_day),
                  paperless = coalesce(:paperless, paperless), language = coalesce(:lang, language),
                  receives_reversion = coalesce(:reversion, receives_reversion)
                where id = :id
                """)
                .param("hasMailing", m != null)
                .param("l1", m == null ? null : m.line1().trim())
                .param("l2", m == null || CustomerRegistry.blank(m.line2()) ? null : m.line2().trim())
                .param("city", m == null ? null : m.city().trim())
                .param("state", m == null ? null : m.state().trim().toUpperCase(Locale.ROOT))
                .param("zip", m == null ? null : m.zip().trim())
                .param("due", change.billDueDay()).param("paperless", change.paperless()).param("lang", change.language())
                .param("reversion", change.receivesReversion()).param("id", before.id())
                .update();
        if (change.phones() != null) {
            customers.replacePhones(before.customerId(), change.phones());
        }
        if (change.emails() != null) {
            customers.replaceEmails(before.customerId(), change.emails());
        }
        AccountDetails after = account(number);
        audit.recordChange("account", number.value(), "changed", old, settings(after));
        return after;
    }

    @Override
    @Transactional
    public AccountDetails addAuthorizedPerson(AccountNumber number, String name, String relationship, String phone) {
        long id = idOf(number);
        List<FieldProblem> p = new ArrayList<>();
        if (CustomerRegistry.blank(name)) {
            p.add(new FieldProblem("name", "Give the name of the person"));
        }
        if (CustomerRegistry.blank(relationship)) {
            p.add(new FieldProblem("relationship", "Say how the person is related to the account holder"));
        }
        String digits = ServiceRules.phoneDigits(phone);
        if (!digits.isEmpty() && !digits.matches("[0-9]{7,15}")) {
            p.add(new FieldProblem("phone", "A phone number has 7 to 15 digits"));
        }
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("account.invalid-authorized-person", p.get(0).reason(), p);
        }
        long personId = jdbc.sql("""
                insert into account_authorized_person (account_id, name, relationship, phone_digits, added_at, added_by)
                values (:a, :n, :r, :p, :at, :by) returning id
                """).param("a", id).param("n", name.trim()).param("r", relationship.trim())
                .param("p", digits.isEmpty() ? null : digits).param("at", Timestamp.from(clock.instant()))
                .param("by", CustomerRegistry.user()).query(Long.class).single();
        audit.recordChange("account", number.value(), "authorized-person-added", null,
                Map.of("id", personId, "name", name.trim(), "relationship", relationship.trim()));
        return account(number);
    }

    @Override
    @Transactional
    public AccountDetails removeAuthorizedPerson(AccountNumber number, long personId) {
        long id = idOf(number);
        Map<String, Object> row = jdbc.sql("""
                select name, relationship from account_authorized_person where id = :p and account_id = :a and removed_at is null
                """).param("p", personId).param("a", id).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new RecordNotFound("personId", "No authorised person " + personId + " on account " + number));
        jdbc.sql("update account_authorized_person set removed_at = :at, removed_by = :by where id = :p")
                .param("at", Timestamp.from(clock.instant())).param("by", CustomerRegistry.user()).param("p", personId).update();
        audit.recordChange("account", number.value(), "authorized-person-removed", row, null);
        return account(number);
    }

    @Override
    @Transactional
    public AccountDetails addAlert(AccountNumber number, String type, String note, LocalDate startsOn, LocalDate endsOn) {
        requireAlertManage();
        long id = idOf(number);
        LocalDate start = startsOn == null ? LocalDate.now(clock) : startsOn;
        List<FieldProblem> p = new ArrayList<>();
        if (type == null || !ALERT_TYPES.contains(type)) {
            p.add(new FieldProblem("type", "Choose the kind of alert"));
        }
        if (endsOn != null && endsOn.isBefore(start)) {
            p.add(new FieldProblem("endsOn", "The alert cannot end before it starts"));
        }
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("account.invalid-alert", p.get(0).reason(), p);
        }
        long alertId = jdbc.sql("""
                insert into account_alert (account_id, alert_type, note, starts_on, ends_on, created_at, created_by)
                values (:a, :t, :n, :s, :e, :at, :by) returning id
                """).param("a", id).param("t", type).param("n", CustomerRegistry.blank(note) ? null : note.trim())
                .param("s", start).param("e", endsOn).param("at", Timestamp.from(clock.instant()))
                .param("by", CustomerRegistry.user()).query(Long.class).single();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("alertId", alertId);
        after.put("type", type);
        after.put("note", note);
        after.put("startsOn", start.toString());
        after.put("endsOn", endsOn == null ? null : endsOn.toString());
        audit.recordChange("account", number.value(), "alert-added", null, after);
        return account(number);
    }

    @Override
    @Transactional
    public AccountDetails endAlert(AccountNumber number, long alertId) {
        requireAlertManage();
        long id = idOf(number);
        String type = jdbc.sql("select alert_type from account_alert where id = :x and account_id = :a and ended_at is null")
                .param("x", alertId).param("a", id).query(String.class).optional()
                .orElseThrow(() -> new RecordNotFound("alertId", "No open alert " + alertId + " on account " + number));
        jdbc.sql("update account_alert set ended_at = :at, ended_by = :by where id = :x")
                .param("at", Timestamp.from(clock.instant())).param("by", CustomerRegistry.user()).param("x", alertId).update();
        audit.recordChange("account", number.value(), "alert-ended", Map.of("alertId", alertId, "type", type), null);
        return account(number);
    }

    private static void requireAlertManage() {
        if (!CurrentStaff.has(Permission.ALERT_MANAGE)) {
            throw new AccessDeniedException("Your role may not set or end account alerts");
        }
    }

    @Override
    @Transactional
    public CallerVerification verifyCaller(AccountNumber number, String channel, String method, Long documentId,
            String callerName, String note) {
        AccountDetails a = account(number);
        List<FieldProblem> p = new ArrayList<>();
        if (channel == null || !CHANNELS.contains(channel)) {
            p.add(new FieldProblem("channel", "Choose how the caller reached us"));
        }
        if (method == null || !METHODS.contains(method)) {
            p.add(new FieldProblem("method", "Choose how the caller was verified"));
        }
        if (documentId != null && jdbc.sql("select count(*) from customer_identity_document where id = :d and customer_id = :c")
                .param("d", documentId).param("c", a.customerId()).query(Integer.class).single() == 0) {
            p.add(new FieldProblem("documentId", "That document is not on file for this customer"));
        }
        if ("AUTHORIZED_PERSON".equals(method) && CustomerRegistry.blank(callerName)) {
            p.add(new FieldProblem("callerName", "Give the name of the authorised person calling"));
        }
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("account.invalid-verification", p.get(0).reason(), p);
        }
        Instant now = clock.instant();
        long id = insertVerification(a.customerId(), a.id(), channel, method, documentId, callerName, note, now);
        CallerVerification v = new CallerVerification(id, channel, method, documentId,
                CustomerRegistry.blank(callerName) ? null : callerName.trim(), CustomerRegistry.blank(note) ? null : note.trim(),
                now, CustomerRegistry.user());
        audit.recordChange("account", number.value(), "caller-verified", null, v);
        return v;
    }

    long insertVerification(long customerId, Long accountId, String channel, String method, Long documentId,
            String callerName, String note, Instant at) {
        return jdbc.sql("""
                insert into identity_verification (customer_id, account_id, channel, method, document_id, caller_name, note,
                  verified_at, verified_by)
                values (:c, :a, :ch, :m, :d, :name, :note, :at, :by) returning id
                """).param("c", customerId).param("a", accountId).param("ch", channel).param("m", method)
                .param("d", documentId).param("name", CustomerRegistry.blank(callerName) ? null : callerName.trim())
                .param("note", CustomerRegistry.blank(note) ? null : note.trim()).param("at", Timestamp.from(at))
                .param("by", CustomerRegistry.user()).query(Long.class).single();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CallerVerification> currentVerification(AccountNumber number, String username) {
        long id = idOf(number);
        Instant now = clock.instant();
        return jdbc.sql("""
                select id, channel, method, document_id, caller_name, note, verified_at, verified_by
                from identity_verification where account_id = :a and verified_by = :u and verified_at >= :since
                order by verified_at desc limit 1
                """).param("a", id).param("u", username)
                .param("since", Timestamp.from(now.minus(ServiceRules.VERIFICATION_WINDOW)))
                .query((rs, n) -> new CallerVerification(rs.getLong(1), rs.getString(2), rs.getString(3),
                        (Long) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getString(8)))
                .optional().filter(v -> ServiceRules.verificationCurrent(v.verifiedAt(), now));
    }

    /** The account's history is its audit trail (record type account, the account number as id). */
    @Override
    @Transactional(readOnly = true)
    public List<HistoryEntry> history(AccountNumber number, int limit) {
        return auditHistory.forRecord("account", number.value(), limit).stream()
                .map(e -> new HistoryEntry(e.occurredAt(), e.actor(), e.action(), e.summary())).toList();
    }
}

package org.civicdesk.customer.internal.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.customer.Address;
import org.civicdesk.customer.CustomerDetails;
import org.civicdesk.customer.Customers;
import org.civicdesk.customer.IdentityDocumentInput;
import org.civicdesk.customer.NewCustomer;
import org.civicdesk.customer.NewPremise;
import org.civicdesk.customer.Phone;
import org.civicdesk.customer.PremiseDetails;
import org.civicdesk.customer.Premises;
import org.civicdesk.customer.internal.crypto.PiiCipher;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customers and premises in PostgreSQL; personal identifiers encrypted with the PII cipher. */
@Service
class CustomerRegistry implements Customers, Premises {

    static final Set<String> DOCUMENT_TYPES = Set.of("DRIVER_LICENSE", "STATE_ID", "PASSPORT", "MATRICULA_CONSULAR",
            "MILITARY_ID", "TRIBAL_ID", "PERMANENT_RESIDENT_CARD", "OTHER");
    private static final Set<String> PHONE_KINDS = Set.of("MOBILE", "HOME", "WORK", "OTHER");
    private static final Set<String> PREMISE_TYPES = Set.of("SINGLE_FAMILY", "MULTI_UNIT", "COMMERCIAL", "MOBILE_HOME_PARK");
    private static final Set<String> OWNER_ROLES = Set.of("OWNER", "LANDLORD", "PROPERTY_MANAGER");

    private final JdbcClient jdbc;
    private final PiiCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;

    CustomerRegistry(JdbcClient jdbc, PiiCipher cipher, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    static String user() {
        return CurrentStaff.username().orElse("system");
    }

    // ---- customers

    /** Checks a new customer; the field names are prefixed (e.g. customer.lastName on the start form). */
    List<FieldProblem> problems(NewCustomer c, String prefix, LocalDate today) {
        List<FieldProblem> p = new ArrayList<>();
        if (c == null) {
            p.add(new FieldProblem(prefix + "kind", "Give the customer"));
            return p;
        }
        if (!"PERSON".equals(c.kind()) && !"BUSINESS".equals(c.kind())) {
            p.add(new FieldProblem(prefix + "kind", "Say whether the customer is a person or a business"));
        } else if ("PERSON".equals(c.kind())) {
            if (blank(c.firstName())) {
                p.add(new FieldProblem(prefix + "firstName", "Give the first name"));
            }
            if (blank(c.lastName())) {
                p.add(new FieldProblem(prefix + "lastName", "Give the last name"));
            }
            if (c.dateOfBirth() != null && !c.dateOfBirth().isBefore(today)) {
                p.add(new FieldProblem(prefix + "dateOfBirth", "The date of birth must be in the past"));
            }
        } else if (blank(c.businessName())) {
            p.add(new FieldProblem(prefix + "businessName", "Give the business name"));
        }
        if (c.preferredLanguage() != null && !Set.of("en", "es").contains(c.preferredLanguage())) {
            p.add(new FieldProblem(prefix + "preferredLanguage", "The language is English (en) or Spanish (es)"));
        }
        if (c.taxId() != null && !c.taxId().isBlank() && !c.taxId().replaceAll("[\\s-]", "").matches("[0-9]{9}")) {
            p.add(new FieldProblem(prefix + "taxId", "A tax id (SSN or EIN) has 9 digits"));
        }
        p.addAll(contactProblems(c.phones(), c.emails(), prefix));
        for (int i = 0; i < c.documents().size(); i++) {
            p.addAll(documentProblems(c.documents().get(i), prefix + "documents[" + i + "]", today));
        }
        if (c.mailing() != null && !c.mailing().isBlank()) {
            p.addAll(addressProblems(c.mailing(), prefix + "mailing."));
        }
        return p;
    }

    /** Problems with phone numbers and e-mail addresses; either list may be null (not being changed). */
    static List<FieldProblem> contactProblems(List<Phone> phones, List<String> emails, String prefix) {
        List<FieldProblem> p = new ArrayList<>();
        for (int i = 0; phones != null && i < phones.size(); i++) {
            Phone ph = phones.get(i);
            String digits = ServiceRules.phoneDigits(ph.digits());
            if (!digits.matches("[0-9]{7,15}")) {
                p.add(new FieldProblem(prefix + "phones[" + i + "]", "A phone number has 7 to 15 digits"));
            } else if (ph.kind() != null && !PHONE_KINDS.contains(ph.kind())) {
                p.add(new FieldProblem(prefix + "phones[" + i + "]", "The kind of phone is MOBILE, HOME, WORK or OTHER"));
            }
        }
        for (int i = 0; emails != null && i < emails.size(); i++) {
            if (emails.get(i) == null || !emails.get(i).trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                p.add(new FieldProblem(prefix + "emails[" + i + "]", "This is not an e-mail address"));
            }
        }
        return p;
    }

    static List<FieldProblem> documentProblems(IdentityDocumentInput d, String field, LocalDate today) {
        List<FieldProblem> p = new ArrayList<>();
        if (d.type() == null || !DOCUMENT_TYPES.contains(d.type())) {
            p.add(new FieldProblem(field + ".type", "Choose the kind of identity document"));
        }
        if (blank(d.number())) {
            p.add(new FieldProblem(field + ".number", "Give the document number"));
        }
        if (blank(d.issuer())) {
            p.add(new FieldProblem(field + ".issuer", "Give who issued the document (state or country)"));
        }
        ServiceRules.expiredDocument(d.expiresOn(), today).ifPresent(r -> p.add(new FieldProblem(field + ".expiresOn", r)));
        return p;
    }

    static List<FieldProblem> addressProblems(Address a, String prefix) {
        List<FieldProblem> p = new ArrayList<>();
        if (blank(a.line1())) {
            p.add(new FieldProblem(prefix + "line1", "Give the street address"));
        }
        if (blank(a.city())) {
            p.add(new FieldProblem(prefix + "city", "Give the city"));
        }
        if (blank(a.state()) || !a.state().trim().matches("[A-Za-z]{2}")) {
            p.add(new FieldProblem(prefix + "state", "Give the two-letter state"));
        }
        if (a.zip() == null || !a.zip().trim().matches("[0-9]{5}(-[0-9]{4})?")) {
            p.add(new FieldProblem(prefix + "zip", "A ZIP code has 5 digits (or 5+4)"));
        }
        return p;
    }

    @Override
    @Transactional
    public CustomerDetails create(NewCustomer c) {
        List<FieldProblem> p = problems(c, "", LocalDate.now(clock));
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("customer.invalid", "The customer cannot be saved: " + p.get(0).reason(), p);
        }
        long id = insert(c);
        CustomerDetails created = customer(id);
        audit.recordChange("customer", Long.toString(id), "created", null, created);
        return created;
    }

    /** Inserts a checked customer with its phones, emails and documents; returns its id. */
    long insert(NewCustomer c) {
        boolean person = "PERSON".equals(c.kind());
        String display = person ? c.firstName().trim() + " " + c.lastName().trim() : c.businessName().trim();
        String taxId = blank(c.taxId()) ? null : c.taxId().replaceAll("[\\s-]", "");
        Address m = c.mailing() == null || c.mailing().isBlank() ? null : c.mailing();
        long id = jdbc.sql("""
                insert into customer (kind, first_name, last_name, business_name, display_name, preferred_language,
                  date_of_birth_enc, tax_id_enc, tax_id_last4, tax_id_index, mailing_line1, mailing_line2, mailing_city,
                  mailing_state, mailing_zip, created_at, created_by)
                values (:kind, :first, :last, :business, :display, :lang, :dob, :tax, :taxLast4, :taxIndex,
                  :l1, :l2, :city, :state, :zip, :at, :by)
                returning id
                """)
                .param("kind", c.kind())
                .param("first", person ? c.firstName().trim() : null)
                .param("last", person ? c.lastName().trim() : null)
                .param("business", person ? null : c.businessName().trim())
                .param("display", display)
                .param("lang", c.preferredLanguage() == null ? "en" : c.preferredLanguage())
                .param("dob", c.dateOfBirth() == null ? null : cipher.encrypt(c.dateOfBirth().toString()))
                .param("tax", taxId == null ? null : cipher.encrypt(taxId))
                .param("taxLast4", taxId == null ? null : PiiCipher.last4(taxId))
                .param("taxIndex", taxId == null ? null : cipher.blindIndex("tax-id", taxId))
                .param("l1", m == null ? null : m.line1().trim())
                .param("l2", m == null || blank(m.line2()) ? null : m.line2().trim())
                .param("city", m == null ? null : m.city().trim())
                .param("state", m == null ? null : m.state().trim().toUpperCase(Locale.ROOT))
                .param("zip", m == null ? null : m.zip().trim())
                .param("at", Timestamp.from(clock.instant()))
                .param("by", user())
                .query(Long.class).single();
        replacePhones(id, c.phones());
        replaceEmails(id, c.emails());
        for (IdentityDocumentInput d : c.documents()) {
            insertDocument(id, d);
        }
        return id;
    }

    long insertDocument(long customerId, IdentityDocumentInput d) {
        return jdbc.sql("""
                insert into customer_identity_document (customer_id, doc_type, number_enc, number_last4, number_index,
                  issuer, expires_on, recorded_at, recorded_by)
                values (:c, :type, :enc, :last4, :idx, :issuer, :expires, :at, :by) returning id
                """)
                .param("c", customerId).param("type", d.type())
                .param("enc", cipher.encrypt(PiiCipher.normalise(d.number())))
                .param("last4", PiiCipher.last4(d.number()))
                .param("idx", cipher.blindIndex("identity-document", d.number()))
                .param("issuer", d.issuer().trim()).param("expires", d.expiresOn())
                .param("at", Timestamp.from(clock.instant())).param("by", user())
                .query(Long.class).single();
    }

    void replacePhones(long customerId, List<Phone> phones) {
        jdbc.sql("update customer_phone set removed_at = :at where customer_id = :c and removed_at is null")
                .param("at", Timestamp.from(clock.instant())).param("c", customerId).update();
        boolean first = true;
        for (Phone p : phones) {
            jdbc.sql("insert into customer_phone (customer_id, kind, digits, is_primary) values (:c, :k, :d, :p)")
                    .param("c", customerId).param("k", p.kind() == null ? "MOBILE" : p.kind())
                    .param("d", ServiceRules.phoneDigits(p.digits())).param("p", first).update();
            first = false;
        }
    }

    void replaceEmails(long customerId, List<String> emails) {
        jdbc.sql("update customer_email set removed_at = :at where customer_id = :c and removed_at is null")
                .param("at", Timestamp.from(clock.instant())).param("c", customerId).update();
        boolean first = true;
        for (String e : emails) {
            jdbc.sql("insert into customer_email (customer_id, address, is_primary) values (:c, :a, :p)")
                    .param("c", customerId).param("a", e.trim()).param("p", first).update();
            first = false;
        }
    }

    @Override
    @Transactional(readOnly = true)
    public CustomerDetails customer(long id) {
        Map<String, Object> r = jdbc.sql("""
                select id, kind, display_name, first_name, last_name, business_name, preferred_language,
                       date_of_birth_enc is not null as has_dob, tax_id_last4, mailing_line1, mailing_line2,
                       mailing_city, mailing_state, mailing_zip
                from customer where id = :id
                """).param("id", id).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new RecordNotFound("customerId", "No customer " + id));
        List<Phone> phones = jdbc.sql("select kind, digits from customer_phone where customer_id = :c and removed_at is null order by id")
                .param("c", id).query((rs, n) -> new Phone(rs.getString(1), rs.getString(2))).list();
        List<String> emails = jdbc.sql("select address from customer_email where customer_id = :c and removed_at is null order by id")
                .param("c", id).query(String.class).list();
        List<CustomerDetails.Document> docs = jdbc.sql("""
                select id, doc_type, number_last4, issuer, expires_on from customer_identity_document
                where customer_id = :c order by id
                """).param("c", id).query((rs, n) -> new CustomerDetails.Document(rs.getLong(1), rs.getString(2),
                        ServiceRules.masked(rs.getString(3)), rs.getString(4), rs.getObject(5, LocalDate.class))).list();
        List<CustomerDetails.AccountSummary> accounts = jdbc.sql("""
                select account_number, status, opened_on, closed_on from account where customer_id = :c order by id
                """).param("c", id).query((rs, n) -> new CustomerDetails.AccountSummary(rs.getString(1), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class))).list();
        List<CustomerDetails.OwnedPremise> owned = jdbc.sql("""
                select p.id, p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city, o.role, o.since, o.until
                from premise_owner o join premise p on p.id = o.premise_id where o.customer_id = :c order by o.id
                """).param("c", id).query((rs, n) -> new CustomerDetails.OwnedPremise(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class))).list();
        Address mailing = r.get("mailing_line1") == null ? null : new Address((String) r.get("mailing_line1"),
                (String) r.get("mailing_line2"), (String) r.get("mailing_city"), (String) r.get("mailing_state"),
                (String) r.get("mailing_zip"));
        return new CustomerDetails(id, (String) r.get("kind"), (String) r.get("display_name"), (String) r.get("first_name"),
                (String) r.get("last_name"), (String) r.get("business_name"), (String) r.get("preferred_language"), mailing,
                phones, emails, docs, Boolean.TRUE.equals(r.get("has_dob")) ? "****-**-**" : null,
                ServiceRules.masked((String) r.get("tax_id_last4")), accounts, owned);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Long> findByIdentityDocument(String number) {
        if (blank(number)) {
            return List.of();
        }
        return jdbc.sql("select distinct customer_id from customer_identity_document where number_index = :i order by 1")
                .param("i", cipher.blindIndex("identity-document", number)).query(Long.class).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Long> findByTaxId(String taxId) {
        if (blank(taxId)) {
            return List.of();
        }
        return jdbc.sql("select id from customer where tax_id_index = :i order by id")
                .param("i", cipher.blindIndex("tax-id", taxId.replaceAll("[\\s-]", ""))).query(Long.class).list();
    }

    @Override
    @Transactional
    public String reveal(long customerId, String field) {
        if (!CurrentStaff.has(Permission.PII_REVEAL)) {
            throw new AccessDeniedException("Your role may not reveal personal identifiers");
        }
        byte[] stored;
        String recordType = "customer";
        String recordId = Long.toString(customerId);
        String auditField = field;
        if ("taxId".equals(field) || "dateOfBirth".equals(field)) {
            String column = "taxId".equals(field) ? "tax_id_enc" : "date_of_birth_enc";
            stored = jdbc.sql("select " + column + " from customer where id = :id").param("id", customerId)
                    .query(byte[].class).optional().orElseThrow(() -> new RecordNotFound("customerId", "No customer " + customerId));
        } else if (field != null && field.matches("document:[0-9]+")) {
            long docId = Long.parseLong(field.substring("document:".length()));
            stored = jdbc.sql("select number_enc from customer_identity_document where id = :d and customer_id = :c")
                    .param("d", docId).param("c", customerId).query(byte[].class).optional()
                    .orElseThrow(() -> new RecordNotFound("field", "No identity document " + docId + " of customer " + customerId));
            recordType = "customer_identity_document";
            recordId = Long.toString(docId);
            auditField = "number";
        } else {
            throw new BusinessRuleViolation("customer.unknown-field", "field", "Reveal taxId, dateOfBirth or document:ID");
        }
        if (stored == null) {
            throw new RecordNotFound("field", "Nothing on file for " + field);
        }
        audit.recordReveal(recordType, recordId, auditField);
        return cipher.decrypt(stored);
    }

    // ---- premises

    @Override
    @Transactional
    public PremiseDetails create(NewPremise n) {
        List<FieldProblem> p = new ArrayList<>();
        if (blank(n.addressLine1())) {
            p.add(new FieldProblem("addressLine1", "Give the street address"));
        }
        if (blank(n.city())) {
            p.add(new FieldProblem("city", "Give the city"));
        }
        if (n.zip() == null || !n.zip().trim().matches("[0-9]{5}(-[0-9]{4})?")) {
            p.add(new FieldProblem("zip", "A ZIP code has 5 digits (or 5+4)"));
        }
        if (n.premiseType() == null || !PREMISE_TYPES.contains(n.premiseType())) {
            p.add(new FieldProblem("premiseType", "The premise type is SINGLE_FAMILY, MULTI_UNIT, COMMERCIAL or MOBILE_HOME_PARK"));
        }
        if (n.billingCycle() == null || n.billingCycle() < 1 || n.billingCycle() > 20) {
            p.add(new FieldProblem("billingCycle", "The billing cycle is 1 to 20"));
        }
        if (blank(n.route())) {
            p.add(new FieldProblem("route", "Give the meter-reading route"));
        }
        if (n.servicesAvailable() == null || n.servicesAvailable().isEmpty()) {
            p.add(new FieldProblem("servicesAvailable", "Name the services available at the premise"));
        } else if (!n.servicesAvailable().stream().allMatch(ServiceCatalog::known)) {
            p.add(new FieldProblem("servicesAvailable", "Unknown service; the services are " + List.of(ServiceCatalog.values())));
        }
        if (p.isEmpty() && jdbc.sql("""
                select count(*) from premise where customer_search_text(address_line1) = customer_search_text(:l1)
                  and coalesce(customer_search_text(unit), '') = coalesce(customer_search_text(:unit), '') and zip = :zip
                """).param("l1", n.addressLine1()).param("unit", blank(n.unit()) ? null : n.unit()).param("zip", n.zip().trim())
                .query(Integer.class).single() > 0) {
            p.add(new FieldProblem("addressLine1", "This premise is already on file"));
        }
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("premise.invalid", "The premise cannot be saved: " + p.get(0).reason(), p);
        }
        long id = jdbc.sql("""
                insert into premise (address_line1, unit, city, state, zip, premise_type, parcel, billing_cycle, route,
                  services_available, created_at)
                values (:l1, :unit, :city, :state, :zip, :type, :parcel, :cycle, :route, :services, :at) returning id
                """)
                .param("l1", n.addressLine1().trim()).param("unit", blank(n.unit()) ? null : n.unit().trim())
                .param("city", n.city().trim()).param("state", blank(n.state()) ? "AZ" : n.state().trim().toUpperCase(Locale.ROOT))
                .param("zip", n.zip().trim()).param("type", n.premiseType()).param("parcel", blank(n.parcel()) ? null : n.parcel().trim())
                .param("cycle", n.billingCycle()).param("route", n.route().trim())
                .param("services", n.servicesAvailable().stream().distinct().toArray(String[]::new))
                .param("at", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        PremiseDetails created = premise(id);
        audit.recordChange("premise", Long.toString(id), "created", null, created);
        return created;
    }

    @Override
    @Transactional(readOnly = true)
    public PremiseDetails premise(long id) {
        return jdbc.sql("select * from premise where id = :id").param("id", id)
                .query((rs, n) -> new PremiseDetails(rs.getLong("id"), rs.getString("address_line1"), rs.getString("unit"),
                        rs.getString("city"), rs.getString("state"), rs.getString("zip"), rs.getString("premise_type"),
                        rs.getString("parcel"), rs.getInt("billing_cycle"), rs.getString("route"),
                        List.of((String[]) rs.getArray("services_available").getArray()), owners(id),
                        AccountBook.agreementsWhere(jdbc, "a.premise_id = :id", Map.of("id", id))))
                .optional().orElseThrow(() -> new RecordNotFound("premiseId", "No premise " + id));
    }

    private List<PremiseDetails.Owner> owners(long premiseId) {
        return jdbc.sql("""
                select o.id, o.customer_id, c.display_name, o.role, o.since, o.until
                from premise_owner o join customer c on c.id = o.customer_id where o.premise_id = :p order by o.id
                """).param("p", premiseId).query((rs, n) -> new PremiseDetails.Owner(rs.getLong(1), rs.getLong(2),
                        rs.getString(3), rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<PremiseDetails> find(String addressText, int limit) {
        if (blank(addressText)) {
            return List.of();
        }
        List<Long> ids = jdbc.sql("""
                select id from premise
                where search_address % customer_search_text(:q) or search_address like '%' || customer_search_text(:q) || '%'
                order by similarity(search_address, customer_search_text(:q)) desc, id limit :limit
                """).param("q", addressText).param("limit", Math.max(1, Math.min(limit, 50))).query(Long.class).list();
        return ids.stream().map(this::premise).toList();
    }

    @Override
    @Transactional
    public PremiseDetails recordOwner(long premiseId, long customerId, String role, LocalDate since) {
        if (role == null || !OWNER_ROLES.contains(role)) {
            throw new BusinessRuleViolation("premise.owner-role", "role", "The role is OWNER, LANDLORD or PROPERTY_MANAGER");
        }
        if (since == null) {
            throw new BusinessRuleViolation("premise.owner-since", "since", "Give the date the ownership began");
        }
        premise(premiseId);
        customer(customerId);
        long id = jdbc.sql("insert into premise_owner (premise_id, customer_id, role, since) values (:p, :c, :r, :s) returning id")
                .param("p", premiseId).param("c", customerId).param("r", role).param("s", since).query(Long.class).single();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("ownerId", id);
        after.put("customerId", customerId);
        after.put("role", role);
        after.put("since", since.toString());
        audit.recordChange("premise", Long.toString(premiseId), "owner-recorded", null, after);
        return premise(premiseId);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

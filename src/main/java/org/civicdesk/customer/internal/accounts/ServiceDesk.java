package org.civicdesk.customer.internal.accounts;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.Fee;
import org.civicdesk.billing.FeeSchedule;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Address;
import org.civicdesk.customer.Agreement;
import org.civicdesk.customer.CustomerDetails;
import org.civicdesk.customer.IdentityDocumentInput;
import org.civicdesk.customer.NewCustomer;
import org.civicdesk.customer.PremiseDetails;
import org.civicdesk.customer.ServiceLifecycle;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Start, stop and transfer of service, each one transaction. Everything is checked before the first write;
 * the database's exclusion constraint still guards a duplicate start that races past the check.
 */
@Service
class ServiceDesk implements ServiceLifecycle {

    static final String RECEIVABLE_TYPE = "utility-account";
    private static final Set<String> OCCUPANCY_TYPES = Set.of("LEASE", "DEED", "PURCHASE_CONTRACT", "PROPERTY_TAX_RECORD",
            "MANAGEMENT_AGREEMENT");
    private static final List<String> FUNDS = List.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE");

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final CustomerRegistry customers;
    private final AccountBook accounts;
    private final Ledger ledger;
    private final FeeSchedule fees;

    ServiceDesk(JdbcClient jdbc, AuditTrail audit, Clock clock, CustomerRegistry customers, AccountBook accounts,
            Ledger ledger, FeeSchedule fees) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.customers = customers;
        this.accounts = accounts;
        this.ledger = ledger;
        this.fees = fees;
    }

    // ---- start

    @Override
    @Transactional
    public StartResult start(StartService r) {
        LocalDate today = LocalDate.now(clock);
        List<FieldProblem> p = new ArrayList<>();
        PremiseDetails premise = premiseOrProblem(r.premiseId(), "premiseId", p);
        CustomerDetails existing = null;
        if (r.customerId() != null) {
            try {
                existing = customers.customer(r.customerId());
            } catch (RecordNotFound e) {
                p.add(new FieldProblem("customerId", e.getMessage()));
            }
            checkDocumentsOnFile(r.customerId(), r.documentIdsChecked(), today, p);
        } else if (r.newCustomer() == null) {
            p.add(new FieldProblem("customerId", "Choose the customer or enter a new one"));
        } else {
            p.addAll(customers.problems(r.newCustomer(), "customer.", today));
            if (r.newCustomer().documents().isEmpty()) {
                p.add(new FieldProblem("customer.documents", "Record the identity document you checked"));
            }
        }
        checkOccupancy(r.occupancyDocType(), p);
        ServiceRules.dueDayOutOfRange(r.billDueDay()).ifPresent(x -> p.add(new FieldProblem("billDueDay", x)));
        if (r.accountMailing() != null && !r.accountMailing().isBlank()) {
            p.addAll(CustomerRegistry.addressProblems(r.accountMailing(), "mailing."));
        }
        Long accountId = null;
        if (r.accountNumber() != null && !r.accountNumber().isBlank()) {
            Optional<String> bad = AccountNumber.problem(r.accountNumber().trim());
            if (bad.isPresent()) {
                p.add(new FieldProblem("accountNumber", bad.get()));
            } else {
                Map<String, Object> acc = jdbc.sql("select id, customer_id, status from account where account_number = :n")
                        .param("n", r.accountNumber().trim()).query().listOfRows().stream().findFirst().orElse(null);
                if (acc == null) {
                    p.add(new FieldProblem("accountNumber", "No account " + r.accountNumber().trim()));
                } else if (!"ACTIVE".equals(acc.get("status"))) {
                    p.add(new FieldProblem("accountNumber", "The account is closed; open a new one"));
                } else if (r.customerId() == null || ((Number) acc.get("customer_id")).longValue() != r.customerId()) {
                    p.add(new FieldProblem("accountNumber", "The account belongs to another customer"));
                } else {
                    accountId = ((Number) acc.get("id")).longValue();
                }
            }
        }
        if (r.startDate() == null) {
            p.add(new FieldProblem("startDate", "Give the date service starts"));
        }
        if (premise != null && r.startDate() != null) {
            checkServices(premise, r.services(), r.startDate(), p);
        }
        List<String> numbers = r.newCustomer() == null ? List.of()
                : r.newCustomer().documents().stream().map(IdentityDocumentInput::number).filter(n -> n != null && !n.isBlank()).toList();
        List<UnpaidClosedBalance> debts = p.isEmpty()
                ? unpaidClosedBalances(r.customerId(), numbers, r.newCustomer() == null ? null : r.newCustomer().taxId())
                : List.of();
        if (!debts.isEmpty()) {
            if (r.debtDecision() == null) {
                p.add(new FieldProblem("debtDecision", "Unpaid balance on a closed account: " + describe(debts)
                        + ". Transfer it to the new account or start without transferring"));
            } else if (r.debtDecision() == DebtDecision.TRANSFER && !CurrentStaff.has(Permission.DEBT_TRANSFER)) {
                p.add(new FieldProblem("debtDecision", "Your role may not transfer debt; ask a senior specialist"));
            }
        }
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("service.start-refused", "Service cannot start: " + p.get(0).reason(), p);
        }

        // ---- writes
        long customerId;
        List<Long> documentIds;
        if (existing != null) {
            customerId = existing.id();
            documentIds = r.documentIdsChecked();
        } else {
            customerId = customers.insert(r.newCustomer());
            documentIds = jdbc.sql("select id from customer_identity_document where customer_id = :c order by id")
                    .param("c", customerId).query(Long.class).list();
            audit.recordChange("customer", Long.toString(customerId), "created", null, customers.customer(customerId));
        }
        CustomerDetails customer = customers.customer(customerId);
        boolean newAccount = accountId == null;
        boolean commercial = "COMMERCIAL".equals(premise.premiseType());
        AccountNumber number;
        if (newAccount) {
            number = AccountNumber.fromSequence(jdbc.sql("select nextval('account_number_seq')").query(Long.class).single());
            Address mailing = r.accountMailing() != null && !r.accountMailing().isBlank() ? r.accountMailing()
                    : customer.mailing() != null ? customer.mailing()
                    : new Address(premise.addressLine1() + (premise.unit() == null ? "" : " " + premise.unit()), null,
                            premise.city(), premise.state(), premise.zip());
            accountId = jdbc.sql("""
                    insert into account (account_number, customer_id, account_class, mailing_line1, mailing_line2, mailing_city,
                      mailing_state, mailing_zip, bill_due_day, paperless, language, opened_on, created_at, created_by)
                    values (:n, :c, :class, :l1, :l2, :city, :state, :zip, :due, :paperless, :lang, :opened, :at, :by)
                    returning id
                    """).param("n", number.value()).param("c", customerId).param("class", commercial ? "COMMERCIAL" : "RESIDENTIAL")
                    .param("l1", mailing.line1().trim()).param("l2", CustomerRegistry.blank(mailing.line2()) ? null : mailing.line2().trim())
                    .param("city", mailing.city().trim()).param("state", mailing.state().trim().toUpperCase(Locale.ROOT))
                    .param("zip", mailing.zip().trim()).param("due", r.billDueDay())
                    .param("paperless", Boolean.TRUE.equals(r.paperless())).param("lang", customer.preferredLanguage())
                    .param("opened", r.startDate()).param("at", Timestamp.from(clock.instant()))
                    .param("by", CustomerRegistry.user()).query(Long.class).single();
            audit.recordChange("account", number.value(), "opened", null, accounts.account(number));
        } else {
            number = new AccountNumber(r.accountNumber().trim());
        }
        for (Long documentId : documentIds) {
            long v = accounts.insertVerification(customerId, accountId, "COUNTER", "PHOTO_ID", documentId, null,
                    "Checked at start of service", clock.instant());
            audit.recordChange("account", number.value(), "identity-checked", null,
                    Map.of("verificationId", v, "documentId", documentId, "checkedBy", CustomerRegistry.user()));
        }
        recordOccupancy(accountId, number, premise.id(), r.occupancyDocType(), r.occupancyReference());
        List<Agreement> started = startAgreements(accountId, number, premise, r.services(), r.startDate(), commercial, null);
        Set<String> funds = new TreeSet<>();
        r.services().forEach(s -> funds.add(ServiceCatalog.valueOf(s).fund()));
        if (newAccount) {
            Fee fee = fees.feeOn("ACCOUNT_SETUP", today);
            funds.add(fee.fundCode());
            Map<String, Receivable> receivables = openReceivables(number, customer.displayName(), funds);
            ledger.post(new JournalEntryRequest("account-setup:" + number.value(), today, "customer",
                    "Account set-up fee, account " + number.value(), List.of(
                            JournalLineRequest.debit(fee.fundCode(), StandardAccount.RECEIVABLES.code(), fee.amount())
                                    .receivable(receivables.get(fee.fundCode()).id()),
                            JournalLineRequest.credit(fee.fundCode(), fee.revenueAccount(), fee.amount()))));
            audit.recordChange("account", number.value(), "setup-fee-charged", null,
                    Map.of("fee", fee.code(), "amount", fee.amount().toString(), "fund", fee.fundCode()));
        } else {
            openReceivables(number, customer.displayName(), funds);
        }
        List<UnpaidClosedBalance> transferred = List.of();
        if (r.debtDecision() == DebtDecision.TRANSFER && !debts.isEmpty()) {
            transferred = transferDebts(debts, number, customer.displayName(), today);
        } else if (!debts.isEmpty()) {
            audit.recordEvent("debt-left", "account", number.value(), "Started without transferring: " + describe(debts));
        }
        return new StartResult(number.value(), customerId, newAccount, started, transferred);
    }

    private PremiseDetails premiseOrProblem(Long premiseId, String field, List<FieldProblem> p) {
        if (premiseId == null) {
            p.add(new FieldProblem(field, "Choose the premise"));
            return null;
        }
        try {
            return customers.premise(premiseId);
        } catch (RecordNotFound e) {
            p.add(new FieldProblem(field, "No premise " + premiseId));
            return null;
        }
    }

    private void checkDocumentsOnFile(long customerId, List<Long> ids, LocalDate today, List<FieldProblem> p) {
        if (ids.isEmpty()) {
            p.add(new FieldProblem("documentIdsChecked", "Record which identity document you checked"));
            return;
        }
        for (Long id : ids) {
            Optional<Map<String, Object>> doc = jdbc.sql("select expires_on from customer_identity_document where id = :d and customer_id = :c")
                    .param("d", id).param("c", customerId).query().listOfRows().stream().findFirst();
            if (doc.isEmpty()) {
                p.add(new FieldProblem("documentIdsChecked", "Document " + id + " is not on file for this customer"));
            } else {
                java.sql.Date expires = (java.sql.Date) doc.get().get("expires_on");
                ServiceRules.expiredDocument(expires == null ? null : expires.toLocalDate(), today)
                        .ifPresent(x -> p.add(new FieldProblem("documentIdsChecked", x)));
            }
        }
    }

    private static void checkOccupancy(String type, List<FieldProblem> p) {
        if (type == null || !OCCUPANCY_TYPES.contains(type)) {
            p.add(new FieldProblem("occupancyDocType", "Record the lease or ownership document you checked"));
        }
    }

    private void checkServices(PremiseDetails premise, List<String> services, LocalDate startDate, List<FieldProblem> p) {
        if (services.isEmpty()) {
            p.add(new FieldProblem("services", "Choose at least one service"));
            return;
        }
        if (new LinkedHashSet<>(services).size() != services.size()) {
            p.add(new FieldProblem("services", "A service is named twice"));
        }
        for (String s : services) {
            if (!ServiceCatalog.known(s)) {
                p.add(new FieldProblem("services", "Unknown service " + s));
            } else if (!premise.servicesAvailable().contains(s)) {
                p.add(new FieldProblem("services", s + " is not available at " + premise.address()));
            } else {
                jdbc.sql("""
                        select acc.account_number, a.start_date from service_agreement a join account acc on acc.id = a.account_id
                        where a.premise_id = :p and a.service_type = :s
                          and daterange(a.start_date, a.end_date, '[)') && daterange(:d, null, '[)')
                        limit 1
                        """).param("p", premise.id()).param("s", s).param("d", startDate).query().listOfRows().stream()
                        .findFirst().ifPresent(row -> p.add(new FieldProblem("services", s + " service at "
                                + premise.address() + " is already taken by account " + row.get("account_number")
                                + " (from " + row.get("start_date") + "); stop it first or transfer it")));
            }
        }
    }

    private void recordOccupancy(long accountId, AccountNumber number, long premiseId, String type, String reference) {
        jdbc.sql("""
                insert into occupancy_document (account_id, premise_id, doc_type, reference, checked_at, checked_by)
                values (:a, :p, :t, :r, :at, :by)
                """).param("a", accountId).param("p", premiseId).param("t", type)
                .param("r", CustomerRegistry.blank(reference) ? null : reference.trim())
                .param("at", Timestamp.from(clock.instant())).param("by", CustomerRegistry.user()).update();
        audit.recordChange("account", number.value(), "occupancy-checked", null,
                Map.of("premiseId", premiseId, "type", type, "reference", reference == null ? "" : reference));
    }

    private List<Agreement> startAgreements(long accountId, AccountNumber number, PremiseDetails premise,
            List<String> services, LocalDate startDate, boolean commercial, Long revertedFrom) {
        LocalDate today = LocalDate.now(clock);
        List<Long> ids = new ArrayList<>();
        for (String s : services) {
            ServiceCatalog service = ServiceCatalog.valueOf(s);
            long id;
            try {
                id = jdbc.sql("""
                        insert into service_agreement (account_id, premise_id, service_type, rate_schedule, start_date, status,
                          reverted_from_id, created_at, created_by)
                        values (:a, :p, :s, :rate, :start, :status, :from, :at, :by) returning id
                        """).param("a", accountId).param("p", premise.id()).param("s", s)
                        .param("rate", service.rateSchedule(commercial)).param("start", startDate)
                        .param("status", ServiceRules.startStatus(startDate, today)).param("from", revertedFrom)
                        .param("at", Timestamp.from(clock.instant())).param("by", CustomerRegistry.user())
                        .query(Long.class).single();
            } catch (DataAccessException e) {
                if (isExclusionViolation(e)) {
                    throw new BusinessRuleViolation("service.duplicate-start", "services",
                            s + " service at " + premise.address() + " is already taken for that date; stop it first or transfer it");
                }
                throw e;
            }
            ids.add(id);
            if (revertedFrom == null) {
                for (String order : service.startOrders()) {
                    insertOrder(accountId, premise.id(), id, order, startDate, null);
                }
            }
        }
        List<Agreement> started = ids.isEmpty() ? List.of()
                : AccountBook.agreementsWhere(jdbc, "a.id in (:ids)", Map.of("ids", ids));
        audit.recordChange("account", number.value(), revertedFrom == null ? "service-started" : "service-reverted", null,
                started);
        return started;
    }

    static boolean isExclusionViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void insertOrder(long accountId, long premiseId, Long agreementId, String type, LocalDate date, String note) {
        jdbc.sql("""
                insert into pending_service_order (account_id, premise_id, service_agreement_id, order_type, requested_for,
                  note, created_at, created_by)
                values (:a, :p, :ag, :t, :d, :n, :at, :by)
                """).param("a", accountId).param("p", premiseId).param("ag", agreementId).param("t", type).param("d", date)
                .param("n", note).param("at", Timestamp.from(clock.instant())).param("by", CustomerRegistry.user()).update();
    }

    private Map<String, Receivable> openReceivables(AccountNumber number, String name, Set<String> funds) {
        Map<String, Receivable> opened = new LinkedHashMap<>();
        for (String fund : funds) {
            opened.put(fund, ledger.openReceivable(RECEIVABLE_TYPE, fund, number.value(), name));
        }
        return opened;
    }

    // ---- debts

    @Override
    @Transactional(readOnly = true)
    public List<UnpaidClosedBalance> unpaidClosedBalances(Long customerId, List<String> documentNumbers, String taxId) {
        Set<Long> ids = new TreeSet<>();
        if (customerId != null) {
            ids.add(customerId);
            ids.addAll(jdbc.sql("""
                    select distinct other.customer_id from customer_identity_document mine
                    join customer_identity_document other on other.number_index = mine.number_index
                    where mine.customer_id = :c
                    union
                    select other.id from customer mine join customer other on other.tax_id_index = mine.tax_id_index
                    where mine.id = :c and mine.tax_id_index is not null
                    """).param("c", customerId).query(Long.class).list());
        }
        if (documentNumbers != null) {
            documentNumbers.forEach(n -> ids.addAll(customers.findByIdentityDocument(n)));
        }
        ids.addAll(customers.findByTaxId(taxId));
        if (ids.isEmpty()) {
            return List.of();
        }
        LocalDate today = LocalDate.now(clock);
        List<UnpaidClosedBalance> found = new ArrayList<>();
        jdbc.sql("""
                select a.account_number, a.customer_id, c.display_name from account a join customer c on c.id = a.customer_id
                where a.status = 'CLOSED' and a.customer_id in (:ids) order by a.account_number
                """).param("ids", ids).query().listOfRows().forEach(row -> {
            String n = (String) row.get("account_number");
            for (String fund : FUNDS) {
                ledger.findReceivable(RECEIVABLE_TYPE, fund, n).ifPresent(rec -> {
                    Money balance = ledger.receivableBalance(rec.id(), today).balance();
                    if (balance.isPositive()) {
                        found.add(new UnpaidClosedBalance(n, ((Number) row.get("customer_id")).longValue(),
                                (String) row.get("display_name"), fund, rec.id(), balance));
                    }
                });
            }
        });
        return found;
    }

    private static String describe(List<UnpaidClosedBalance> debts) {
        return String.join("; ", debts.stream().map(d -> d.amount().formatted() + " " + d.fund() + " on account "
                + d.accountNumber() + " (" + d.customerName() + ")").toList());
    }

    /** Moves each unpaid closed balance onto the new account's receivable in the same fund (idempotent key). */
    private List<UnpaidClosedBalance> transferDebts(List<UnpaidClosedBalance> debts, AccountNumber to, String name,
            LocalDate today) {
        for (UnpaidClosedBalance d : debts) {
            Receivable target = ledger.openReceivable(RECEIVABLE_TYPE, d.fund(), to.value(), name);
            String control = StandardAccount.RECEIVABLES.code();
            ledger.post(new JournalEntryRequest("debt-transfer:" + d.receivableId() + ":" + target.id(), today, "customer",
                    "Unpaid closed balance of account " + d.accountNumber() + " transferred to account " + to.value(),
                    List.of(JournalLineRequest.debit(d.fund(), control, d.amount()).receivable(target.id()),
                            JournalLineRequest.credit(d.fund(), control, d.amount()).receivable(d.receivableId()))));
            Map<String, Object> detail = Map.of("fromAccount", d.accountNumber(), "toAccount", to.value(),
                    "fund", d.fund(), "amount", d.amount().toString());
            audit.recordChange("account", to.value(), "debt-transferred-in", null, detail);
            audit.recordChange("account", d.accountNumber(), "debt-transferred-out", null, detail);
        }
        return debts;
    }

    // ---- stop

    @Override
    @Transactional
    public StopResult stop(AccountNumber number, StopService r) {
        long accountId = accounts.idOf(number);
        StopResult result = stopAgreements(accountId, number, r.stopDate(), r.premiseId(), r.services(), true);
        return result;
    }

    private StopResult stopAgreements(long accountId, AccountNumber number, LocalDate stopDate, Long premiseId,
            List<String> services, boolean closeWhenLast) {
        List<FieldProblem> p = new ArrayList<>();
        if (stopDate == null) {
            throw new BusinessRuleViolation("service.stop-refused", "stopDate", "Give the date service stops");
        }
        List<Agreement> open = AccountBook.agreementsWhere(jdbc, "a.account_id = :a and a.end_date is null", Map.of("a", accountId))
                .stream()
                .filter(a -> premiseId == null || a.premiseId() == premiseId)
                .filter(a -> services.isEmpty() || services.contains(a.serviceType()))
                .toList();
        if (open.isEmpty()) {
            p.add(new FieldProblem("services", "The account has no open service to stop there"));
        }
        for (Agreement a : open) {
            ServiceRules.stopBeforeStart(stopDate, a.startDate())
                    .ifPresent(x -> p.add(new FieldProblem("stopDate", a.serviceType() + ": " + x)));
        }
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("service.stop-refused", "Service cannot stop: " + p.get(0).reason(), p);
        }
        LocalDate today = LocalDate.now(clock);
        List<Long> ids = open.stream().map(Agreement::id).toList();
        jdbc.sql("update service_agreement set end_date = :d, status = :s, final_bill_requested = true where id in (:ids)")
                .param("d", stopDate).param("s", ServiceRules.stopStatus(stopDate, today)).param("ids", ids).update();
        for (Agreement a : open) {
            for (String order : ServiceCatalog.valueOf(a.serviceType()).stopOrders()) {
                insertOrder(accountId, a.premiseId(), a.id(), order, stopDate, "Final bill requested");
            }
        }
        List<Agreement> stopped = AccountBook.agreementsWhere(jdbc, "a.id in (:ids)", Map.of("ids", ids));
        audit.recordChange("account", number.value(), "service-stopped", open, stopped);
        List<Agreement> reverted = revertToOwners(accountId, stopped, stopDate);
        boolean closed = false;
        if (closeWhenLast && jdbc.sql("select count(*) from service_agreement where account_id = :a and end_date is null")
                .param("a", accountId).query(Integer.class).single() == 0) {
            LocalDate closedOn = jdbc.sql("select max(end_date) from service_agreement where account_id = :a")
                    .param("a", accountId).query(LocalDate.class).single();
            // a stop on a later day leaves the account open until then; ServiceDateKeeper closes it that day
            boolean closesNow = !closedOn.isAfter(today);
            jdbc.sql("update account set status = :s, closed_on = :d where id = :a")
                    .param("s", closesNow ? "CLOSED" : "ACTIVE").param("d", closedOn).param("a", accountId).update();
            audit.recordChange("account", number.value(), closesNow ? "closed" : "closing-scheduled",
                    Map.of("status", "ACTIVE"), Map.of("status", closesNow ? "CLOSED" : "ACTIVE", "closedOn", closedOn.toString()));
            closed = closesNow;
        }
        return new StopResult(stopped, reverted, closed);
    }

    /**
     * Landlord reversion. When a tenant's water, wastewater, solid waste or irrigation service stops, and the
     * premise has an owner, landlord or property manager on record on the next day (premise_owner) who is not the
     * tenant and holds an ACTIVE account marked receives_reversion, that service starts on the owner's (oldest
     * such) account from the day after the stop, linked to the tenant's agreement. Nothing reverts when
     * someone else already takes the service from that day (a new tenant moving in).
     */
    private List<Agreement> revertToOwners(long tenantAccountId, List<Agreement> stopped, LocalDate stopDate) {
        LocalDate from = stopDate.plusDays(1);
        List<Agreement> reverted = new ArrayList<>();
        for (Agreement a : stopped) {
            if (!ServiceCatalog.valueOf(a.serviceType()).revertsToOwner()) {
                continue;
            }
            Optional<Map<String, Object>> owner = jdbc.sql("""
                    select acc.id, acc.account_number from premise_owner o
                    join account acc on acc.customer_id = o.customer_id and acc.status = 'ACTIVE' and acc.receives_reversion
                    where o.premise_id = :p and o.since <= :d and (o.until is null or o.until >= :d)
                      and o.customer_id <> (select customer_id from account where id = :tenant)
                    order by acc.id limit 1
                    """).param("p", a.premiseId()).param("d", from).param("tenant", tenantAccountId)
                    .query().listOfRows().stream().findFirst();
            if (owner.isEmpty()) {
                continue;
            }
            boolean taken = jdbc.sql("""
                    select count(*) from service_agreement where premise_id = :p and service_type = :s
                      and daterange(start_date, end_date, '[)') && daterange(:d, null, '[)')
                    """).param("p", a.premiseId()).param("s", a.serviceType()).param("d", from).query(Integer.class).single() > 0;
            if (taken) {
                continue;
            }
            PremiseDetails premise = customers.premise(a.premiseId());
            long ownerAccountId = ((Number) owner.get().get("id")).longValue();
            AccountNumber ownerNumber = new AccountNumber((String) owner.get().get("account_number"));
            reverted.addAll(startAgreements(ownerAccountId, ownerNumber, premise, List.of(a.serviceType()), from,
                    "COMMERCIAL".equals(premise.premiseType()), a.id()));
            openReceivables(ownerNumber, accounts.account(ownerNumber).customerName(),
                    Set.of(ServiceCatalog.valueOf(a.serviceType()).fund()));
        }
        return reverted;
    }

    // ---- transfer

    @Override
    @Transactional
    public StartResult transfer(TransferService r) {
        List<FieldProblem> p = new ArrayList<>();
        Optional<String> bad = AccountNumber.problem(r.accountNumber() == null ? null : r.accountNumber().trim());
        if (bad.isPresent()) {
            throw new BusinessRuleViolation("service.transfer-refused", "accountNumber", bad.get());
        }
        AccountNumber number = new AccountNumber(r.accountNumber().trim());
        org.civicdesk.customer.AccountDetails account = accounts.account(number);
        if (!"ACTIVE".equals(account.status())) {
            p.add(new FieldProblem("accountNumber", "The account is closed"));
        }
        PremiseDetails to = premiseOrProblem(r.toPremiseId(), "toPremiseId", p);
        if (r.fromPremiseId() == null) {
            p.add(new FieldProblem("fromPremiseId", "Choose the premise service moves from"));
        } else if (r.fromPremiseId().equals(r.toPremiseId())) {
            p.add(new FieldProblem("toPremiseId", "Choose a different premise to transfer to"));
        }
        List<String> services = !r.services().isEmpty() || r.fromPremiseId() == null ? r.services()
                : account.agreements().stream().filter(a -> a.endDate() == null && r.fromPremiseId() != null
                        && a.premiseId() == r.fromPremiseId())
                        .map(Agreement::serviceType).toList();
        if (services.isEmpty()) {
            p.add(new FieldProblem("fromPremiseId", "The account has no open service at that premise"));
        }
        if (r.stopDate() == null) {
            p.add(new FieldProblem("stopDate", "Give the date service stops at the old premise"));
        }
        LocalDate startDate = r.startDate() != null ? r.startDate() : r.stopDate();
        checkOccupancy(r.occupancyDocType(), p);
        if (to != null && startDate != null && !services.isEmpty()) {
            checkServices(to, services, startDate, p);
        }
        if (!p.isEmpty()) {
            throw new BusinessRuleViolation("service.transfer-refused", "Service cannot be transferred: " + p.get(0).reason(), p);
        }
        stopAgreements(account.id(), number, r.stopDate(), r.fromPremiseId(), services, false);
        recordOccupancy(account.id(), number, to.id(), r.occupancyDocType(), r.occupancyReference());
        List<Agreement> started = startAgreements(account.id(), number, to, services, startDate,
                "COMMERCIAL".equals(to.premiseType()), null);
        Set<String> funds = new TreeSet<>();
        services.forEach(s -> funds.add(ServiceCatalog.valueOf(s).fund()));
        openReceivables(number, account.customerName(), funds);
        audit.recordChange("account", number.value(), "service-transferred", Map.of("premiseId", r.fromPremiseId()),
                Map.of("premiseId", to.id(), "services", services, "startDate", startDate.toString()));
        return new StartResult(number.value(), account.customerId(), false, started, List.of());
    }
}

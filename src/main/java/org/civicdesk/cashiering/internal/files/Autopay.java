package org.civicdesk.cashiering.internal.files;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.ledger.Fund;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Autopay: enrolments, the daily NACHA PPD debit file for enrolled accounts whose bills fall due that day
 * (their bill due day of the month; the amount is what the account owes in the ledger across its funds),
 * and the posting of those debits as AUTOPAY payments on the settlement (effective entry) date.
 */
@Service
public class Autopay {

    /** One enrolment as shown (never the bank account number). */
    public record Enrolment(long id, String accountNumber, String routingNumber, String bankLast4, String accountType,
            String holderName, String status, LocalDate startedOn, LocalDate endedOn, String endReason) {
    }

    /** A generated file. */
    public record AutopayFile(long id, LocalDate dueDate, LocalDate effectiveDate, int entryCount, Money total,
            String status) {
    }

    /** One debit of a file. */
    public record Debit(long id, long fileId, String accountNumber, Money amount, String traceNumber, String status,
            Long paymentId) {
    }

    private final JdbcClient jdbc;
    private final BankAccountVault vault;
    private final Accounts accounts;
    private final Ledger ledger;
    private final Payments payments;
    private final AuditTrail audit;
    private final BusinessTime time;
    private final TransactionTemplate transactions;
    private final AchOriginator bank;

    Autopay(JdbcClient jdbc, BankAccountVault vault, Accounts accounts, Ledger ledger, Payments payments,
            AuditTrail audit, java.time.Clock clock, PlatformTransactionManager transactionManager,
            AchOriginator bank) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.accounts = accounts;
        this.ledger = ledger;
        this.payments = payments;
        this.audit = audit;
        this.time = new BusinessTime(clock);
        this.transactions = new TransactionTemplate(transactionManager);
        this.bank = bank;
    }

    @Transactional
    public Enrolment enrol(String accountNumber, String routingNumber, String bankAccountNumber, String accountType,
            String holderName) {
        AccountNumber number = AccountNumber.parse(accountNumber).orElseThrow(() -> new BusinessRuleViolation(
                "autopay.account", "accountNumber", "Enter a valid 10-digit account number"));
        try {
            accounts.account(number);
        } catch (RecordNotFound e) {
            throw new BusinessRuleViolation("autopay.account", "accountNumber", "There is no account " + number);
        }
        String routing = routingNumber == null ? "" : routingNumber.strip();
        if (!NachaRules.isValidRoutingNumber(routing)) {
            throw new BusinessRuleViolation("autopay.routing", "routingNumber",
                    "A routing number has 9 digits and a valid check digit");
        }
        String bankAccount = bankAccountNumber == null ? "" : bankAccountNumber.replaceAll("[\\s-]", "");
        if (!bankAccount.matches("[0-9]{4,17}")) {
            throw new BusinessRuleViolation("autopay.bank-account", "bankAccountNumber",
                    "A bank account number has 4 to 17 digits");
        }
        if (!"CHECKING".equals(accountType) && !"SAVINGS".equals(accountType)) {
            throw new BusinessRuleViolation("autopay.account-type", "accountType", "Choose checking or savings");
        }
        if (holderName == null || holderName.isBlank()) {
            throw new BusinessRuleViolation("autopay.holder", "holderName", "Enter the name on the bank account");
        }
        boolean active = jdbc.sql("select exists (select 1 from autopay_enrolment where account_number = :a and status = 'ACTIVE')")
                .param("a", number.value()).query(Boolean.class).single();
        if (active) {
            throw new Conflict("autopay.already-enrolled", "Account " + number + " is already enrolled in autopay");
        }
        String token = vault.store(routing, bankAccount);
        long id = jdbc.sql("""
                insert into autopay_enrolment (account_number, routing_number, bank_token, bank_last4, account_type,
                  holder_name, status, started_on, created_at, created_by)
                values (:a, :r, :t, :l4, :type, :h, 'ACTIVE', :today, :now, :by) returning id""")
                .param("a", number.value()).param("r", routing).param("t", token)
                .param("l4", bankAccount.substring(bankAccount.length() - 4)).param("type", accountType)
                .param("h", holderName.strip()).param("today", time.today()).param("now", Timestamp.from(time.now()))
                .param("by", user()).query(Long.class).single();
        Enrolment e = enrolment(id);
        audit.recordChange("autopay_enrolment", Long.toString(id), "enrolled", null, e);
        audit.recordChange("account", number.value(), "autopay-enrolled", null, Map.of("bankLast4", e.bankLast4()));
        return e;
    }

    /** Ends an enrolment (idempotent: an ended one stays as it ended). */
    @Transactional
    public Enrolment end(long enrolmentId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BusinessRuleViolation("autopay.reason", "reason", "Say why autopay ends");
        }
        Enrolment before = enrolment(enrolmentId);
        if (before.status().equals("ENDED")) {
            return before;
        }
        jdbc.sql("""
                update autopay_enrolment set status = 'ENDED', ended_on = :today, end_reason = :why, ended_by = :by
                where id = :id and status = 'ACTIVE'""").param("today", time.today()).param("why", reason.strip())
                .param("by", user()).param("id", enrolmentId).update();
        Enrolment after = enrolment(enrolmentId);
        audit.recordChange("autopay_enrolment", Long.toString(enrolmentId), "ended", before, after);
        audit.recordChange("account", after.accountNumber(), "autopay-ended", null, Map.of("reason", reason));
        return after;
    }

    public Enrolment enrolment(long id) {
        return jdbc.sql("""
                select id, account_number, routing_number, bank_last4, account_type, holder_name, status, started_on,
                       ended_on, end_reason from autopay_enrolment where id = :id""").param("id", id)
                .query(Autopay::enrolment).optional()
                .orElseThrow(() -> new RecordNotFound("enrolmentId", "There is no autopay enrolment " + id));
    }

    public List<Enrolment> enrolments(int limit) {
        return jdbc.sql("""
                select id, account_number, routing_number, bank_last4, account_type, holder_name, status, started_on,
                       ended_on, end_reason from autopay_enrolment order by id desc limit :n""").param("n", limit)
                .query(Autopay::enrolment).list();
    }

    /**
     * The PPD debit file for bills due on the day, made once (asking again returns the same file). Effective
     * on the due date, or the next weekday when it falls on a weekend; made after the due date (late), today's
     * banking day (same-day ACH), never a day gone by.
     */
    @Transactional
    public AutopayFile generate(LocalDate dueDate) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('autopay-file', 0))").query().singleRow();
        Optional<AutopayFile> existing = fileFor(dueDate);
        if (existing.isPresent()) {
            return existing.get();
        }
        // never in the past: a due day the file was made late for is collected today (same-day ACH), not backdated
        LocalDate effective = dueDate.isBefore(time.today()) ? time.today() : dueDate;
        while (effective.getDayOfWeek() == DayOfWeek.SATURDAY || effective.getDayOfWeek() == DayOfWeek.SUNDAY) {
            effective = effective.plusDays(1);
        }
        record Due(long enrolmentId, String account, String routing, String token, boolean savings, String name,
                Money amount) {
        }
        List<Due> due = new ArrayList<>();
        List<Map<String, Object>> active = jdbc.sql("""
                select id, account_number, routing_number, bank_token, account_type, holder_name
                from autopay_enrolment where status = 'ACTIVE' and started_on <= :d order by id""")
                .param("d", dueDate).query().listOfRows();
        List<Fund> funds = ledger.funds();
        java.util.Set<String> dueToday = accounts.billsDueOn(
                active.stream().map(r -> (String) r.get("account_number")).toList(), dueDate);
        for (Map<String, Object> row : active) {
            String account = (String) row.get("account_number");
            if (!dueToday.contains(account)) {
                continue;
            }
            Money owed = Money.ZERO;
            for (Fund fund : funds) {
                Optional<org.civicdesk.ledger.Receivable> r = ledger.findReceivable(RemittanceImports.UTILITY_ACCOUNT,
                        fund.code(), account);
                if (r.isPresent()) {
                    owed = owed.plus(ledger.receivableBalance(r.get().id(), dueDate).balance());
                }
            }
            if (owed.isPositive()) {
                due.add(new Due(((Number) row.get("id")).longValue(), account, (String) row.get("routing_number"),
                        (String) row.get("bank_token"), "SAVINGS".equals(row.get("account_type")),
                        (String) row.get("holder_name"), owed));
            }
        }
        String originatingDfi = bank.originatingDfi();
        // trace sequences are unique per originating bank: autopay's come from one sequence over 1000001 and up
        // (any number of debits a day); the portal's WEB file (OnlineDebitFiles) keeps below 1000000
        List<Long> traces = due.isEmpty() ? List.of()
                : jdbc.sql("select nextval('autopay_trace_seq') from generate_series(1, :n)").param("n", due.size())
                        .query(Long.class).list().stream().sorted().toList(); // ascending in the batch, as NACHA asks
        List<NachaDebitFile.Debit> debits = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            Due d = due.get(i);
            debits.add(new NachaDebitFile.Debit(d.routing(), vault.accountNumber(d.token()), d.savings(),
                    d.amount().cents(), d.account(), d.name(), traces.get(i)));
        }
        LocalDateTime created = LocalDateTime.ofInstant(time.now(), time.zone());
        String text = NachaWriter.write(new NachaDebitFile(bank.bankRouting(), bank.origin(), bank.bankName(),
                bank.companyName(), created, 'A', bank.companyName(), bank.companyId(),
                NachaDebitFile.StandardEntryClass.PPD, "UTILITY", effective, originatingDfi, debits));
        Money total = due.stream().map(Due::amount).reduce(Money.ZERO, Money::plus);
        long fileId = jdbc.sql("""
                insert into autopay_file (due_date, effective_date, file_text, file_sha256, entry_count, total, status,
                  created_at, created_by)
                values (:due, :eff, :text, :sha, :n, :total, 'GENERATED', :now, :by) returning id""")
                .param("due", dueDate).param("eff", effective).param("text", text)
                .param("sha", RemittanceImports.sha256(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .param("n", due.size()).param("total", total.amount()).param("now", Timestamp.from(time.now()))
                .param("by", user()).query(Long.class).single();
        for (int i = 0; i < due.size(); i++) {
            Due d = due.get(i);
            jdbc.sql("""
                    insert into autopay_debit (file_id, enrolment_id, account_number, amount, trace_number, status)
                    values (:f, :e, :a, :amt, :trace, 'SENT')""").param("f", fileId).param("e", d.enrolmentId())
                    .param("a", d.account()).param("amt", d.amount().amount())
                    .param("trace", NachaWriter.traceNumber(originatingDfi, traces.get(i))).update();
        }
        AutopayFile file = fileFor(dueDate).orElseThrow();
        audit.recordChange("autopay_file", Long.toString(fileId), "generated", null, file);
        return file;
    }

    /**
     * Posts the debits of files whose effective date has come as AUTOPAY payments (idempotent: key
     * autopay:trace). A debit returned before it was posted is not posted.
     */
    public int postSettled(LocalDate today) {
        List<Long> files = jdbc.sql("select id from autopay_file where status = 'GENERATED' and effective_date <= :d order by id")
                .param("d", today).query(Long.class).list();
        int posted = 0;
        for (long fileId : files) {
            posted += transactions.execute(tx -> postFile(fileId));
        }
        return posted;
    }

    private int postFile(long fileId) {
        Map<String, Object> file = jdbc.sql("select effective_date, status from autopay_file where id = :id for update")
                .param("id", fileId).query().singleRow();
        if (!"GENERATED".equals(file.get("status"))) {
            return 0;
        }
        LocalDate effective = ((java.sql.Date) file.get("effective_date")).toLocalDate();
        List<Debit> debits = debits(fileId).stream().filter(d -> d.status().equals("SENT")).toList();
        List<NewPayment> toPost = new ArrayList<>();
        for (Debit d : debits) {
            toPost.add(new NewPayment("autopay:" + d.traceNumber(), TenderSource.AUTOPAY, null, effective,
                    List.of(new NewPayment.Tender(TenderType.ACH, d.amount(), null, null, null, null)),
                    List.of(new NewPayment.Allocation(new PaymentTarget(RemittanceImports.UTILITY_ACCOUNT,
                            d.accountNumber()), d.amount())),
                    null, "ACH trace " + d.traceNumber()));
        }
        List<PostedPayment> posted = payments.postAll(toPost);
        for (int i = 0; i < debits.size(); i++) {
            jdbc.sql("update autopay_debit set status = 'POSTED', payment_id = :p where id = :id and status = 'SENT'")
                    .param("p", posted.get(i).paymentId()).param("id", debits.get(i).id()).update();
        }
        jdbc.sql("update autopay_file set status = 'POSTED', posted_at = :now where id = :id")
                .param("now", Timestamp.from(time.now())).param("id", fileId).update();
        audit.recordChange("autopay_file", Long.toString(fileId), "posted", Map.of("status", "GENERATED"),
                Map.of("status", "POSTED", "payments", posted.size()));
        return posted.size();
    }

    public Optional<AutopayFile> fileFor(LocalDate dueDate) {
        return jdbc.sql("select id, due_date, effective_date, entry_count, total, status from autopay_file where due_date = :d")
                .param("d", dueDate).query(Autopay::file).optional();
    }

    public List<AutopayFile> files(int limit) {
        return jdbc.sql("select id, due_date, effective_date, entry_count, total, status from autopay_file order by due_date desc limit :n")
                .param("n", limit).query(Autopay::file).list();
    }

    /** The file's text as sent to the bank (it holds bank account numbers: PAYMENT_FILES only). */
    public String fileText(long fileId) {
        String text = jdbc.sql("select file_text from autopay_file where id = :id").param("id", fileId)
                .query(String.class).optional()
                .orElseThrow(() -> new RecordNotFound("fileId", "There is no autopay file " + fileId));
        audit.recordEvent("downloaded", "autopay_file", Long.toString(fileId), "NACHA file downloaded");
        return text;
    }

    public List<Debit> debits(long fileId) {
        return jdbc.sql("""
                select id, file_id, account_number, amount, trace_number, status, payment_id
                from autopay_debit where file_id = :f order by id""").param("f", fileId)
                .query((rs, i) -> new Debit(rs.getLong(1), rs.getLong(2), rs.getString(3), Money.of(rs.getBigDecimal(4)),
                        rs.getString(5), rs.getString(6), (Long) rs.getObject(7)))
                .list();
    }

    private static AutopayFile file(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new AutopayFile(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                rs.getInt(4), Money.of(rs.getBigDecimal(5)), rs.getString(6));
    }

    private static Enrolment enrolment(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Enrolment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class),
                rs.getString(10));
    }

    private static String user() {
        return CurrentStaff.username().orElse("system");
    }
}

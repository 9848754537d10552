package org.civicdesk.cashiering.internal.files;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily NACHA WEB debit file that collects the portal's one-time bank payments from the customers' banks.
 * The payments were posted (source PORTAL, tender ACH) when the customers paid; the file gathers every one not
 * yet in a file and not taken back (voided, reversed or returned), effective the next banking day. One file per
 * business date: asking again returns it. Each payment is in exactly one file (append-only rows keyed by the
 * payment), so a day missed is caught up by the next day's file.
 */
@Service
public class OnlineDebitFiles {

    /** What the customers' bank statements show beside the city's name (10 characters at most). */
    static final String ENTRY_DESCRIPTION = "ONLINE PMT";

    /** A generated file. */
    public record OnlineDebitFile(long id, LocalDate fileDate, LocalDate effectiveDate, int entryCount, Money total) {
    }

    /** One debit of a file (never the bank account number). */
    public record Entry(long paymentId, long fileId, String accountNumber, String holderName, String bankLast4,
            Money amount, String traceNumber) {
    }

    private final JdbcClient jdbc;
    private final BankAccountVault vault;
    private final AchOriginator bank;
    private final AuditTrail audit;
    private final BusinessTime time;

    OnlineDebitFiles(JdbcClient jdbc, BankAccountVault vault, AchOriginator bank, AuditTrail audit,
            java.time.Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.bank = bank;
        this.audit = audit;
        this.time = new BusinessTime(clock);
    }

    /**
     * The WEB debit file of the business date, made once: the portal's bank payments of that date or before that
     * no file holds yet, less those taken back.
     */
    @Transactional
    public OnlineDebitFile generate(LocalDate fileDate) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('online-debit-file', 0))").query().singleRow();
        Optional<OnlineDebitFile> existing = fileFor(fileDate);
        if (existing.isPresent()) {
            return existing.get();
        }
        LocalDate effective = nextBankingDay(fileDate);
        record Unfiled(long paymentId, String account, String routing, String token, boolean savings, String name,
                Money amount) {
        }
        // hold the candidates against a void or reversal while the file is made (they lock the payment for update
        // and then refuse a filed one); the next statement reads after any that got there first has committed
        jdbc.sql("""
                select p.id from cashiering_payment p join cashiering_online_bank_debit d on d.payment_id = p.id
                where p.business_date <= :d
                  and not exists (select 1 from cashiering_online_debit_entry e where e.payment_id = d.payment_id)
                order by p.id for share of p""").param("d", fileDate).query(Long.class).list();
        List<Unfiled> unfiled = jdbc.sql("""
                select d.payment_id, d.account_number, d.routing_number, d.bank_token, d.account_type, d.holder_name,
                       (select sum(t.amount) from cashiering_payment_tender t
                         where t.payment_id = d.payment_id and t.tender_type = 'ACH') as amount
                from cashiering_online_bank_debit d
                join cashiering_payment p on p.id = d.payment_id
                where p.business_date <= :d
                  and not exists (select 1 from cashiering_online_debit_entry e where e.payment_id = d.payment_id)
                  and not exists (select 1 from cashiering_payment_reversal r where r.payment_id = d.payment_id)
                order by d.payment_id""").param("d", fileDate)
                .query((rs, i) -> new Unfiled(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        "SAVINGS".equals(rs.getString(5)), rs.getString(6), Money.of(rs.getBigDecimal(7))))
                .list();
        String originatingDfi = bank.originatingDfi();
        // from one sequence that wraps after 999,999 (autopay's keep 1000001 and up): unique per originating bank
        List<Long> traces = unfiled.isEmpty() ? List.of()
                : jdbc.sql("select nextval('cashiering_online_debit_trace_seq') from generate_series(1, :n)")
                        .param("n", unfiled.size()).query(Long.class).list().stream().sorted().toList();
        Map<String, String> bankAccounts = vault.accountNumbers(unfiled.stream().map(Unfiled::token).toList());
        List<NachaDebitFile.Debit> debits = new ArrayList<>();
        for (int i = 0; i < unfiled.size(); i++) {
            Unfiled u = unfiled.get(i);
            debits.add(new NachaDebitFile.Debit(u.routing(), bankAccounts.get(u.token()), u.savings(),
                    u.amount().cents(), u.account(), u.name(), traces.get(i), NachaDebitFile.SINGLE_ENTRY));
        }
        LocalDateTime created = LocalDateTime.ofInstant(time.now(), time.zone());
        // modifier B: autopay's file of the same day is A, and the bank refuses two files alike in date and modifier
        String text = NachaWriter.write(new NachaDebitFile(bank.bankRouting(), bank.origin(), bank.bankName(),
                bank.companyName(), created, 'B', bank.companyName(), bank.companyId(),
                NachaDebitFile.StandardEntryClass.WEB, ENTRY_DESCRIPTION, effective, originatingDfi, debits));
        Money total = unfiled.stream().map(Unfiled::amount).reduce(Money.ZERO, Money::plus);
        long fileId = jdbc.sql("""
                insert into cashiering_online_debit_file (file_date, effective_date, file_text, file_sha256, entry_count,
                  total, created_at, created_by)
                values (:d, :eff, :text, :sha, :n, :total, :now, :by) returning id""")
                .param("d", fileDate).param("eff", effective).param("text", text)
                .param("sha", RemittanceImports.sha256(text.getBytes(StandardCharsets.US_ASCII)))
                .param("n", unfiled.size()).param("total", total.amount()).param("now", Timestamp.from(time.now()))
                .param("by", user()).query(Long.class).single();
        if (!unfiled.isEmpty()) {
            Long[] paymentIds = new Long[unfiled.size()];
            String[] traceNumbers = new String[unfiled.size()];
            String[] amounts = new String[unfiled.size()];
            for (int i = 0; i < unfiled.size(); i++) {
                paymentIds[i] = unfiled.get(i).paymentId();
                traceNumbers[i] = NachaWriter.traceNumber(originatingDfi, traces.get(i));
                amounts[i] = unfiled.get(i).amount().toString();
            }
            jdbc.sql("""
                    insert into cashiering_online_debit_entry (payment_id, file_id, trace_number, amount)
                    select p, :f, t, a::numeric from unnest(:p, :t, :a) as x(p, t, a)""")
                    .param("f", fileId).param("p", paymentIds).param("t", traceNumbers).param("a", amounts).update();
        }
        OnlineDebitFile file = fileFor(fileDate).orElseThrow();
        audit.recordChange("cashiering_online_debit_file", Long.toString(fileId), "generated", null, file);
        return file;
    }

    /** The next weekday after the date (no holiday calendar yet: a bank holiday moves it again at the bank). */
    static LocalDate nextBankingDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }

    public Optional<OnlineDebitFile> fileFor(LocalDate fileDate) {
        return jdbc.sql(SELECT_FILE + " where file_date = :d").param("d", fileDate).query(OnlineDebitFiles::file)
                .optional();
    }

    public List<OnlineDebitFile> files(int limit) {
        return jdbc.sql(SELECT_FILE + " order by file_date desc limit :n").param("n", limit)
                .query(OnlineDebitFiles::file).list();
    }

    /** The file's text as sent to the bank (it holds bank account numbers: PAYMENT_FILES only). */
    public String fileText(long fileId) {
        String text = jdbc.sql("select file_text from cashiering_online_debit_file where id = :id").param("id", fileId)
                .query(String.class).optional()
                .orElseThrow(() -> new RecordNotFound("fileId", "There is no portal debit file " + fileId));
        audit.recordEvent("downloaded", "cashiering_online_debit_file", Long.toString(fileId), "NACHA WEB file downloaded");
        return text;
    }

    public List<Entry> entries(long fileId) {
        return jdbc.sql("""
                select e.payment_id, e.file_id, d.account_number, d.holder_name, d.bank_last4, e.amount, e.trace_number
                from cashiering_online_debit_entry e join cashiering_online_bank_debit d on d.payment_id = e.payment_id
                where e.file_id = :f order by e.trace_number""").param("f", fileId)
                .query((rs, i) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Money.of(rs.getBigDecimal(6)), rs.getString(7)))
                .list();
    }

    /** The filed portal debit with this trace number, locked for a return; empty when none has it. */
    Optional<Map<String, Object>> lockByTrace(String traceNumber) {
        return jdbc.sql("""
                select payment_id, file_id, amount from cashiering_online_debit_entry where trace_number = :t
                order by file_id desc limit 1 for update""")
                .param("t", traceNumber).query().listOfRows().stream().findFirst();
    }

    private static final String SELECT_FILE = """
            select id, file_date, effective_date, entry_count, total from cashiering_online_debit_file""";

    private static OnlineDebitFile file(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new OnlineDebitFile(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                rs.getInt(4), Money.of(rs.getBigDecimal(5)));
    }

    private static String user() {
        return CurrentStaff.username().orElse("system");
    }
}

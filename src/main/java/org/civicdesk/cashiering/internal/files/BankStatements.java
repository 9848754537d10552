package org.civicdesk.cashiering.internal.files;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports BAI2 prior-day files and reconciles each credit with what the city expected the bank to credit:
 * deposits (deposit controls), card settlements (card tenders of a business day), lockbox batches, autopay
 * files and the portal's bank debit files. A credit matches an expected item of the same amount dated on the statement day or up to
 * MATCH_WINDOW_DAYS before it, each item at most once; the rest is listed for research. A matched card
 * settlement moves that day's cards from the card clearing account to cash in bank.
 */
@Service
public class BankStatements {

    static final int MATCH_WINDOW_DAYS = 3;

    /** One statement line as shown. */
    public record Line(long id, long fileId, int lineNumber, LocalDate asOfDate, String bankAccount, String typeCode,
            boolean credit, Money amount, String bankReference, String customerReference, String text,
            String matchStatus, String matchedKind, String matchedReference, String researchNote) {
    }

    /** Something the city expected the bank to credit. */
    public record Expected(String kind, String reference, LocalDate date, Money amount) {
    }

    /** What an import did. */
    public record ImportReport(long fileId, boolean alreadyImported, int details, int credits, int matched,
            int unmatched, List<Line> unmatchedLines) {
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final BusinessTime time;

    BankStatements(JdbcClient jdbc, Ledger ledger, AuditTrail audit, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.audit = audit;
        this.time = new BusinessTime(clock);
    }

    @Transactional
    public ImportReport importFile(String fileName, byte[] content) {
        Bai2File file = Bai2Reader.read(RemittanceImports.utf8(content));
        String sha = RemittanceImports.sha256(content);
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('bank-statement-file', 0))").query().singleRow();
        Optional<Long> existing = jdbc.sql("select id from bank_statement_file where file_sha256 = :s").param("s", sha)
                .query(Long.class).optional();
        if (existing.isPresent()) {
            return report(existing.get(), true);
        }
        int details = 0;
        for (Bai2File.Group g : file.groups()) {
            for (Bai2File.AccountStatement a : g.accounts()) {
                details += a.details().size();
            }
        }
        long fileId = jdbc.sql("""
                insert into bank_statement_file (file_sha256, file_name, sender, created_on, detail_count, imported_at,
                  imported_by) values (:s, :n, :sender, :created, :d, :now, :by) returning id""")
                .param("s", sha).param("n", fileName).param("sender", file.senderIdentification())
                .param("created", file.creationDate()).param("d", details).param("now", Timestamp.from(time.now()))
                .param("by", user()).query(Long.class).single();
        for (Bai2File.Group g : file.groups()) {
            for (Bai2File.AccountStatement a : g.accounts()) {
                for (Bai2File.Detail d : a.details()) {
                    jdbc.sql("""
                            insert into bank_statement_line (file_id, line_number, as_of_date, bank_account, type_code,
                              credit, amount, bank_reference, customer_reference, text, match_status)
                            values (:f, :line, :asof, :acct, :type, :credit, :amt, :bref, :cref, :text, :status)""")
                            .param("f", fileId).param("line", d.lineNumber()).param("asof", g.asOfDate())
                            .param("acct", a.accountNumber()).param("type", d.typeCode()).param("credit", d.credit())
                            .param("amt", BigDecimal.valueOf(d.amountCents(), 2)).param("bref", blank(d.bankReference()))
                            .param("cref", blank(d.customerReference())).param("text", blank(d.text()))
                            .param("status", d.credit() ? "UNMATCHED" : "NOT_A_CREDIT").update();
                }
            }
        }
        reconcile(fileId);
        ImportReport report = report(fileId, false);
        audit.recordChange("bank_statement_file", Long.toString(fileId), "imported", null, Map.of("file",
                fileName == null ? "" : fileName, "details", report.details(), "matched", report.matched(),
                "unmatched", report.unmatched()));
        return report;
    }

    /** Matches the file's unmatched credits with expected items not matched before. */
    void reconcile(long fileId) {
        List<Line> credits = jdbc.sql(SELECT + " where file_id = :f and match_status = 'UNMATCHED' order by line_number")
                .param("f", fileId).query(BankStatements::line).list();
        if (credits.isEmpty()) {
            return;
        }
        LocalDate from = credits.stream().map(Line::asOfDate).min(LocalDate::compareTo).orElseThrow()
                .minusDays(MATCH_WINDOW_DAYS);
        LocalDate to = credits.stream().map(Line::asOfDate).max(LocalDate::compareTo).orElseThrow();
        List<Expected> expected = new ArrayList<>(expected(from, to));
        Set<String> taken = new HashSet<>(jdbc.sql("""
                select matched_kind || ':' || matched_reference from bank_statement_line where match_status = 'MATCHED'""")
                .query(String.class).list());
        expected.removeIf(e -> taken.contains(e.kind() + ":" + e.reference()));
        for (Line credit : credits) {
            Optional<Expected> match = expected.stream()
                    .filter(e -> e.amount().compareTo(credit.amount()) == 0)
                    .filter(e -> !e.date().isAfter(credit.asOfDate())
                            && !e.date().isBefore(credit.asOfDate().minusDays(MATCH_WINDOW_DAYS)))
                    .sorted((a, b) -> Integer.compare(preference(credit.typeCode(), a.kind()),
                            preference(credit.typeCode(), b.kind())))
                    .findFirst();
            if (match.isPresent()) {
                expected.remove(match.get());
                jdbc.sql("""
                        update bank_statement_line set match_status = 'MATCHED', matched_kind = :k, matched_reference = :r
                        where id = :id""").param("k", match.get().kind()).param("r", match.get().reference())
                        .param("id", credit.id()).update();
                if (match.get().kind().equals("CARD_SETTLEMENT")) {
                    clearCardSettlement(match.get().date(), credit);
                }
            }
        }
    }

    /**
     * The processor settled a business day's cards and the bank credited them: what those payments put in the card
     * clearing account (voided ones left out, as in the expected amount) moves to cash in bank, fund by fund.
     */
    private void clearCardSettlement(LocalDate businessDay, Line credit) {
        List<JournalLineRequest> lines = new ArrayList<>();
        jdbc.sql("""
                select l.fund_code, sum(l.debit - l.credit)
                from ledger_journal_line l join ledger_account a on a.id = l.account_id
                where a.code = :acct and l.entry_id in (
                  select p.ledger_entry_id from cashiering_payment p
                  where p.business_date = :d
                    and not exists (select 1 from cashiering_payment_reversal r where r.payment_id = p.id and r.kind = 'VOID'))
                group by l.fund_code order by l.fund_code""")
                .param("acct", StandardAccount.CARD_CLEARING.code()).param("d", businessDay).query(rs -> {
                    Money m = Money.of(rs.getBigDecimal(2));
                    if (m.isPositive()) {
                        lines.add(JournalLineRequest.debit(rs.getString(1), StandardAccount.CASH_IN_BANK.code(), m));
                        lines.add(JournalLineRequest.credit(rs.getString(1), StandardAccount.CARD_CLEARING.code(), m));
                    }
                });
        if (lines.isEmpty()) {
            return; // cards of that day were posted before the clearing account existed: already in cash in bank
        }
        long entry = ledger.post(new JournalEntryRequest("card-settlement:" + businessDay, time.today(), "cashiering",
                "Card settlement of " + businessDay + " credited by the bank (statement line " + credit.id() + ")",
                lines)).id();
        audit.recordEvent("card-settlement-cleared", "bank_statement_line", Long.toString(credit.id()),
                "Card settlement of " + businessDay + " cleared to cash in bank, entry " + entry);
    }

    /**
     * BAI type codes name the kind of credit: 115 lockbox, 165-169 ACH (autopay and portal debit files, card
     * processors), 301 deposit.
     */
    static int preference(String typeCode, String kind) {
        Set<String> wanted = switch (typeCode) {
            case "115", "116", "118" -> Set.of("LOCKBOX");
            case "301", "302", "303" -> Set.of("DEPOSIT");
            case "165", "166", "169" -> Set.of("AUTOPAY", "ONLINE_DEBITS");
            default -> Set.of();
        };
        return wanted.contains(kind) ? 0 : 1;
    }

    /** What the city expected the bank to credit between the dates. */
    public List<Expected> expected(LocalDate from, LocalDate to) {
        List<Expected> items = new ArrayList<>();
        jdbc.sql("select id, business_date, total from cashiering_deposit where business_date between :f and :t")
                .param("f", from).param("t", to).query(rs -> {
                    items.add(new Expected("DEPOSIT", "deposit:" + rs.getLong(1), rs.getObject(2, LocalDate.class),
                            Money.of(rs.getBigDecimal(3))));
                });
        jdbc.sql("""
                select p.business_date, sum(t.amount) from cashiering_payment p
                join cashiering_payment_tender t on t.payment_id = p.id
                where t.tender_type in ('CREDIT_CARD','DEBIT_CARD') and p.business_date between :f and :t
                  and not exists (select 1 from cashiering_payment_reversal r where r.payment_id = p.id and r.kind = 'VOID')
                group by p.business_date""").param("f", from).param("t", to).query(rs -> {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    items.add(new Expected("CARD_SETTLEMENT", "cards:" + day, day, Money.of(rs.getBigDecimal(2))));
                });
        jdbc.sql("""
                select b.batch_id, min(l.payment_date), b.amount_total from remittance_batch b
                join remittance_line l on l.batch_row_id = b.id
                group by b.id having min(l.payment_date) between :f and :t""").param("f", from).param("t", to)
                .query(rs -> {
                    items.add(new Expected("LOCKBOX", "lockbox:" + rs.getString(1), rs.getObject(2, LocalDate.class),
                            Money.of(rs.getBigDecimal(3))));
                });
        jdbc.sql("select id, effective_date, total from autopay_file where effective_date between :f and :t and entry_count > 0")
                .param("f", from).param("t", to).query(rs -> {
                    items.add(new Expected("AUTOPAY", "autopay:" + rs.getLong(1), rs.getObject(2, LocalDate.class),
                            Money.of(rs.getBigDecimal(3))));
                });
        // the bank credits a portal debit file's total on its effective date; returns come back as separate debits
        jdbc.sql("""
                select id, effective_date, total from cashiering_online_debit_file
                where effective_date between :f and :t and entry_count > 0""")
                .param("f", from).param("t", to).query(rs -> {
                    items.add(new Expected("ONLINE_DEBITS", "online-debits:" + rs.getLong(1),
                            rs.getObject(2, LocalDate.class), Money.of(rs.getBigDecimal(3))));
                });
        return items;
    }

    /** Expected items of the last days that no bank credit matched. */
    public List<Expected> expectedNotCredited(LocalDate from, LocalDate to) {
        Set<String> taken = new HashSet<>(jdbc.sql("""
                select matched_kind || ':' || matched_reference from bank_statement_line where match_status = 'MATCHED'""")
                .query(String.class).list());
        return expected(from, to).stream().filter(e -> !taken.contains(e.kind() + ":" + e.reference())).toList();
    }

    /** Closes the research of an unmatched credit with what was found. */
    @Transactional
    public Line resolve(long lineId, String note) {
        if (note == null || note.isBlank()) {
            throw new BusinessRuleViolation("bank-statement.note", "note", "Say what the credit turned out to be");
        }
        Line before = line(lineId);
        if (!before.matchStatus().equals("UNMATCHED")) {
            throw new Conflict("bank-statement.not-unmatched", "Line " + lineId + " is " + before.matchStatus());
        }
        jdbc.sql("""
                update bank_statement_line set match_status = 'RESOLVED', research_note = :n, resolved_by = :by,
                  resolved_at = :now where id = :id""").param("n", note.strip()).param("by", user())
                .param("now", Timestamp.from(time.now())).param("id", lineId).update();
        Line after = line(lineId);
        audit.recordChange("bank_statement_line", Long.toString(lineId), "resolved", before, after);
        return after;
    }

    public Line line(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(BankStatements::line).optional()
                .orElseThrow(() -> new RecordNotFound("lineId", "There is no bank statement line " + id));
    }

    public List<Line> unmatched(int limit) {
        return jdbc.sql(SELECT + " where match_status = 'UNMATCHED' order by as_of_date desc, id limit :n")
                .param("n", limit).query(BankStatements::line).list();
    }

    public ImportReport report(long fileId, boolean alreadyImported) {
        List<Line> lines = jdbc.sql(SELECT + " where file_id = :f order by line_number").param("f", fileId)
                .query(BankStatements::line).list();
        int credits = (int) lines.stream().filter(Line::credit).count();
        int matched = (int) lines.stream().filter(l -> l.matchStatus().equals("MATCHED")).count();
        List<Line> open = lines.stream().filter(l -> l.matchStatus().equals("UNMATCHED")).toList();
        return new ImportReport(fileId, alreadyImported, lines.size(), credits, matched, open.size(), open);
    }

    public List<Map<String, Object>> recentFiles(int limit) {
        return jdbc.sql("""
                select f.id, f.file_name, f.sender, f.created_on, f.detail_count, f.imported_at, f.imported_by,
                       count(*) filter (where l.match_status = 'MATCHED') as matched,
                       count(*) filter (where l.match_status = 'UNMATCHED') as unmatched
                from bank_statement_file f left join bank_statement_line l on l.file_id = f.id
                group by f.id order by f.id desc limit :n""").param("n", limit).query().listOfRows();
    }

    private static final String SELECT = """
            select id, file_id, line_number, as_of_date, bank_account, type_code, credit, amount, bank_reference,
                   customer_reference, text, match_status, matched_kind, matched_reference, research_note
            from bank_statement_line""";

    private static Line line(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Line(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getObject(4, LocalDate.class), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), Money.of(rs.getBigDecimal(8)), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String user() {
        return CurrentStaff.username().orElse("system");
    }
}

package org.civicdesk.cashiering.internal.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.ScanLine;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.cashiering.internal.payments.UtilityAccountKind;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.CopyText;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Imports lockbox remittance files. The batch is recorded first (IMPORTING); then each chunk of lines is one
 * transaction that posts its matched lines through Payments.postAll (source LOCKBOX, key
 * lockbox:batch:sequence), puts the others in suspense (their money posted to the suspense account, so the
 * ledger holds the whole batch) and records every line's outcome, so a crash leaves
 * whole chunks only and importing the file again completes it. A complete batch imported again changes
 * nothing and says so.
 */
@Service
public class RemittanceImports {

    public static final String UTILITY_ACCOUNT = "utility-account";
    static final int DEFAULT_CHUNK = 2_000;
    /**
     * Two chunks at once: one chunk's Java work overlaps the other's database work, and each has a database
     * backend of its own (one backend is the import's limit). On 2 cores 1.2 to 1.9 times one chunk at a time,
     * before and after the JIT's warm-up (docs/PERFORMANCE.md, session 10).
     */
    static final int DEFAULT_PARALLEL_CHUNKS = 2;

    /** Called after a chunk's writes, inside its transaction: a test throws here to simulate a crash. */
    public interface ChunkObserver {
        ChunkObserver NONE = (batchId, linesRecorded) -> {
        };

        void afterChunk(String batchId, int linesRecorded);
    }

    /** One line's outcome as reported. */
    public record LineOutcome(int sequence, int lineNumber, String accountNumber, Money amount, String outcome,
            String reason, Long paymentId, Long suspenseId) {
    }

    /** What an import did (or, for a batch imported before, what it had done). */
    public record ImportReport(long batchRowId, String batchId, boolean alreadyImported, boolean resumed,
            String status, int linesRead, int posted, int suspended, int rejected, Money controlTotal,
            Money postedTotal, Money suspendedTotal, List<LineOutcome> exceptions) {
    }

    private final JdbcClient jdbc;
    private final Payments payments;
    private final AuditTrail audit;
    private final BusinessTime time;
    private final TransactionTemplate transactions;
    private final PaymentSuspense suspense;
    private final UtilityAccountKind utilityAccounts;
    private final javax.sql.DataSource dataSource;
    private final int parallelChunks;

    RemittanceImports(JdbcClient jdbc, Payments payments, AuditTrail audit,
            java.time.Clock clock, PlatformTransactionManager transactionManager, PaymentSuspense suspense,
            UtilityAccountKind utilityAccounts, javax.sql.DataSource dataSource,
            @org.springframework.beans.factory.annotation.Value("${civicdesk.remittance.parallel-chunks:" + DEFAULT_PARALLEL_CHUNKS + "}") int parallelChunks) {
        this.dataSource = dataSource;
        this.parallelChunks = parallelChunks;
        this.suspense = suspense;
        this.utilityAccounts = utilityAccounts;
        this.jdbc = jdbc;
        this.payments = payments;
        this.audit = audit;
        this.time = new BusinessTime(clock);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public ImportReport importFile(String fileName, byte[] content, Optional<RemittanceFile.ControlTotals> expected) {
        return importFile(fileName, content, expected, DEFAULT_CHUNK, parallelChunks, ChunkObserver.NONE);
    }

    /** Chunk by chunk on the caller's thread (the observer sees the chunks in file order). */
    public ImportReport importFile(String fileName, byte[] content, Optional<RemittanceFile.ControlTotals> expected,
            int chunkSize, ChunkObserver observer) {
        return importFile(fileName, content, expected, chunkSize, 1, observer);
    }

    /** With parallelism above 1, that many chunks at once (see inParallel). */
    public ImportReport importFile(String fileName, byte[] content, Optional<RemittanceFile.ControlTotals> expected,
            int chunkSize, int parallelism, ChunkObserver observer) {
        RemittanceFile file = RemittanceFileParser.parse(utf8(content), expected);
        String sha = sha256(content);
        String user = CurrentStaff.username().orElse("system");
        RemittanceFile.ControlTotals totals = file.actualTotals();
        long[] batchRow = new long[1];
        boolean[] existed = new boolean[1];
        String status = transactions.execute(tx -> {
            Optional<Long> inserted = jdbc.sql("""
                    insert into remittance_batch (batch_id, file_name, file_sha256, line_count, amount_total,
                      declared_count, declared_total, status, imported_at, imported_by)
                    values (:b, :f, :sha, :n, :t, :dc, :dt, 'IMPORTING', :now, :by)
                    on conflict (batch_id) do nothing returning id""")
                    .param("b", file.batchId()).param("f", fileName).param("sha", sha)
                    .param("n", totals.lineCount()).param("t", totals.amountTotal().amount())
                    .param("dc", file.trailer().map(RemittanceFile.ControlTotals::lineCount).orElse(null))
                    .param("dt", file.trailer().map(t -> t.amountTotal().amount()).orElse(null))
                    .param("now", Timestamp.from(time.now())).param("by", user).query(Long.class).optional();
            if (inserted.isPresent()) {
                batchRow[0] = inserted.get();
                audit.recordChange("remittance_batch", file.batchId(), "import-started", null, Map.of("file",
                        fileName == null ? "" : fileName, "sha256", sha, "lines", totals.lineCount(), "total",
                        totals.amountTotal().toString()));
                return "IMPORTING";
            }
            existed[0] = true;
            Map<String, Object> row = jdbc.sql("select id, file_sha256, status from remittance_batch where batch_id = :b")
                    .param("b", file.batchId()).query().singleRow();
            if (!sha.equals(row.get("file_sha256"))) {
                throw new Conflict("remittance.batch-reused", "Batch " + file.batchId()
                        + " was already imported from a different file; nothing was changed");
            }
            batchRow[0] = ((Number) row.get("id")).longValue();
            return (String) row.get("status");
        });
        if ("COMPLETE".equals(status)) {
            return report(batchRow[0], true, false);
        }
        List<RemittanceFile.Line> lines = file.lines();
        int size = Math.max(1, chunkSize);
        ChunkWork work = chunk -> importChunk(batchRow[0], file.batchId(), chunk, observer);
        if (parallelism <= 1 || lines.size() <= size) {
            chunks(lines, size).forEach(work::run);
        } else {
            // one stream of lines per thread, split by account, so that two threads never wait for one account
            // (a chunk holds its accounts until it commits) and each account's lines keep their file order
            List<List<RemittanceFile.Line>> streams = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                streams.add(new ArrayList<>());
            }
            for (RemittanceFile.Line line : lines) {
                String account = decide(line).account();
                int stream = Math.floorMod((account == null ? "" : account).hashCode(), parallelism);
                streams.get(stream).add(line);
            }
            inParallel(streams.stream().map(stream -> chunks(stream, size)).toList(), work);
        }
        transactions.executeWithoutResult(tx -> {
            int updated = jdbc.sql("""
                    update remittance_batch set status = 'COMPLETE', completed_at = :now
                    where id = :id and status = 'IMPORTING'""")
                    .param("now", Timestamp.from(time.now())).param("id", batchRow[0]).update();
            if (updated == 1) {
                ImportReport done = report(batchRow[0], false, existed[0]);
                audit.recordChange("remittance_batch", file.batchId(), "imported", Map.of("status", "IMPORTING"),
                        Map.of("status", "COMPLETE", "posted", done.posted(), "suspended", done.suspended(),
                                "rejected", done.rejected(), "postedTotal", done.postedTotal().toString()));
            }
        });
        return report(batchRow[0], false, existed[0]);
    }

    /** One chunk of lines: matched, then posted and recorded in one transaction (retried without a refused line). */
    private void importChunk(long batchRowId, String batchId, List<RemittanceFile.Line> chunk, ChunkObserver observer) {
        // matched before the chunk's transaction: a lookup that fails must not doom the transaction
        List<Decision> pending = new ArrayList<>(decideAll(chunk));
        while (true) {
            try {
                transactions.executeWithoutResult(tx -> {
                    // plans made for one chunk's arrays suit every chunk (index probes per line): planned afresh
                    // for each of a connection's first chunks they hashed whole tables
                    jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
                    postChunk(batchRowId, batchId, pending, true);
                    if (observer != ChunkObserver.NONE) {
                        // a count of the batch's lines so far: only for an observer (tests), it grows with the file
                        observer.afterChunk(batchId, recordedCount(batchRowId));
                    }
                });
                return;
            } catch (RefusedLine refused) {
                // Payments named the line it refused (e.g. a check for a cash-only account): hold it, retry the rest
                for (int i = 0; i < pending.size(); i++) {
                    Decision d = pending.get(i);
                    if (d.line().sequence() == refused.sequence) {
                        pending.set(i, new Decision(d.line(), d.account(), "REJECTED", "Refused: " + refused.getMessage()));
                    }
                }
            } catch (BusinessRuleViolation refusedWhole) {
                // a refusal that names no line: decide line by line
                for (Decision decision : pending) {
                    transactions.executeWithoutResult(tx -> postChunk(batchRowId, batchId, List.of(decision), false));
                }
                observer.afterChunk(batchId, recordedCount(batchRowId));
                return;
            }
        }
    }

    private interface ChunkWork {
        void run(List<RemittanceFile.Line> chunk);
    }

    private static List<List<RemittanceFile.Line>> chunks(List<RemittanceFile.Line> lines, int size) {
        List<List<RemittanceFile.Line>> chunks = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += size) {
            chunks.add(lines.subList(from, Math.min(lines.size(), from + size)));
        }
        return chunks;
    }

    /**
     * Streams of chunks side by side, a thread each, each chunk its own transaction as before (so the Java work
     * of one overlaps the database work of another). The first failure stops the taking of new chunks, as a
     * crash would: the chunks already committed stand, and importing the file again completes it. The caller's
     * sign-in, audit actor and request go with each chunk.
     */
    private void inParallel(List<List<List<RemittanceFile.Line>>> streams, ChunkWork work) {
        SecurityContext security = SecurityContextHolder.getContext();
        String actor = AuditActor.override();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (List<List<RemittanceFile.Line>> stream : streams) {
            if (stream.isEmpty()) {
                continue;
            }
            Thread t = new Thread(() -> {
                SecurityContextHolder.setContext(security);
                RequestContextHolder.setRequestAttributes(request);
                try {
                    for (List<RemittanceFile.Line> chunk : stream) {
                        if (failure.get() != null) {
                            return;
                        }
                        if (actor != null) {
                            AuditActor.runAs(actor, () -> work.run(chunk));
                        } else {
                            work.run(chunk);
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    SecurityContextHolder.clearContext();
                    RequestContextHolder.resetRequestAttributes();
                }
            }, "remittance-chunks-" + workers.size());
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new IllegalStateException("Interrupted while importing", e));
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private int recordedCount(long batchRowId) {
        return jdbc.sql("select count(*) from remittance_line where batch_row_id = :id").param("id", batchRowId)
                .query(Integer.class).single();
    }

    /** A decided line, before writing. */
    private record Decision(RemittanceFile.Line line, String account, String outcome, String reason) {
    }

    /**
     * Matches, posts and records one chunk in the caller's transaction. With strict false a refusal by
     * Payments becomes the line's REJECTED outcome (in suspense) instead of failing the chunk.
     */
    private List<Decision> decideAll(List<RemittanceFile.Line> chunk) {
        List<Decision> decisions = new ArrayList<>(chunk.size());
        for (RemittanceFile.Line line : chunk) {
            decisions.add(decide(line));
        }
        // existence only, for the whole chunk in one query; cash-only and closed accounts are Payments' rules
        Set<String> named = new HashSet<>();
        for (Decision d : decisions) {
            if (d.outcome().equals("POSTED")) {
                named.add(d.account());
            }
        }
        Set<String> known = utilityAccounts.existing(named);
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            if (d.outcome().equals("POSTED") && !known.contains(d.account())) {
                decisions.set(i, new Decision(d.line(), d.account(), "SUSPENDED", "No account " + d.account()));
            }
        }
        return decisions;
    }

    private void postChunk(long batchRowId, String batchId, List<Decision> decided, boolean strict) {
        // chunks of one import run side by side (share); a second import of the same file waits for the chunk it
        // would repeat (the lock on the chunk's first line), then finds its lines recorded and skips them
        jdbc.sql("select id from remittance_batch where id = :id for share").param("id", batchRowId)
                .query(Long.class).single();
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('remittance:' || :id || ':' || :first, 42))")
                .param("id", batchRowId).param("first", decided.get(0).line().sequence()).query().listOfRows();
        Integer[] sequences = decided.stream().map(d -> d.line().sequence()).toArray(Integer[]::new);
        Set<Integer> recorded = new HashSet<>(jdbc.sql(
                "select sequence from remittance_line where batch_row_id = :id and sequence = any(:s)")
                .param("id", batchRowId).param("s", sequences).query(Integer.class).list());
        List<Decision> decisions = decided.stream().filter(d -> !recorded.contains(d.line().sequence())).toList();
        if (decisions.isEmpty()) {
            return;
        }
        List<NewPayment> toPost = new ArrayList<>();
        List<Decision> posting = new ArrayList<>();
        for (Decision d : decisions) {
            if (d.outcome().equals("POSTED")) {
                toPost.add(payment(batchRowId, batchId, d));
                posting.add(d);
            }
        }
        Map<Integer, Long> paymentIds = new HashMap<>();
        Map<Integer, String> refused = new HashMap<>();
        if (!toPost.isEmpty()) {
            if (strict) {
                List<PostedPayment> posted;
                try {
                    posted = payments.postAll(toPost);
                } catch (BusinessRuleViolation e) {
                    Integer index = refusedIndex(e);
                    if (index != null && index < posting.size()) {
                        throw new RefusedLine(posting.get(index).line().sequence(), e.getMessage());
                    }
                    throw e;
                }
                for (int i = 0; i < posted.size(); i++) {
                    paymentIds.put(posting.get(i).line().sequence(), posted.get(i).paymentId());
                }
            } else {
                // one line, in its own transaction: a refusal must not leave the transaction rollback-only
                try {
                    TransactionTemplate inner = new TransactionTemplate(transactions.getTransactionManager());
                    inner.setPropagationBehavior(TransactionTemplate.PROPAGATION_NESTED);
                    PostedPayment posted = inner.execute(tx -> payments.post(toPost.get(0)));
                    paymentIds.put(posting.get(0).line().sequence(), posted.paymentId());
                } catch (BusinessRuleViolation e) {
                    refused.put(posting.get(0).line().sequence(), e.getMessage());
                }
            }
        }
        Timestamp now = Timestamp.from(time.now());
        List<Decision> finals = new ArrayList<>();
        for (Decision d : decisions) {
            String why = refused.get(d.line().sequence());
            finals.add(why == null ? d : new Decision(d.line(), d.account(), "REJECTED", "Refused: " + why));
        }
        Map<Integer, Long> suspenseIds = new HashMap<>();
        List<Decision> held = finals.stream().filter(d -> !d.outcome().equals("POSTED")).toList();
        if (!held.isEmpty()) {
            jdbc.sql("""
                    insert into payment_suspense (source, source_reference, account_given, payer_reference, amount,
                      payment_date, check_number, reason, status, created_at)
                    select 'LOCKBOX', r, nullif(a, ''), nullif(s, ''), amt::numeric, d::date, nullif(c, ''), why, 'OPEN', :now
                    from unnest(:r, :a, :s, :amt, :d, :c, :why) as t(r, a, s, amt, d, c, why)
                    on conflict (source_reference) do nothing""")
                    .param("r", held.stream().map(d -> sourceReference(batchId, d.line().sequence())).toArray(String[]::new))
                    .param("a", held.stream().map(d -> d.line().accountNumber()).toArray(String[]::new))
                    .param("s", held.stream().map(d -> d.line().scanLine()).toArray(String[]::new))
                    .param("amt", held.stream().map(d -> d.line().amount().toString()).toArray(String[]::new))
                    .param("d", held.stream().map(d -> d.line().paymentDate().toString()).toArray(String[]::new))
                    .param("c", held.stream().map(d -> d.line().checkNumber()).toArray(String[]::new))
                    .param("why", held.stream().map(Decision::reason).toArray(String[]::new))
                    .param("now", now).update();
            Map<String, Integer> bySource = new HashMap<>();
            for (Decision d : held) {
                bySource.put(sourceReference(batchId, d.line().sequence()), d.line().sequence());
            }
            jdbc.sql("select id, source_reference from payment_suspense where source_reference = any(:r)")
                    .param("r", bySource.keySet().toArray(String[]::new))
                    .query(rs -> {
                        suspenseIds.put(bySource.get(rs.getString(2)), rs.getLong(1));
                    });
            // the bank credits the whole batch: held money goes to the ledger too (cash in bank, suspense)
            suspense.hold(suspenseIds.values());
        }
        CopyText rows = new CopyText();
        String recordedAt = now.toInstant().toString();
        for (Decision d : finals) {
            RemittanceFile.Line line = d.line();
            rows.add(batchRowId).add(line.sequence()).add(line.lineNumber())
                    .add(blank(d.account() != null ? d.account() : line.accountNumber())).add(blank(line.scanLine()))
                    .add(line.amount()).add(line.paymentDate()).add(blank(line.checkNumber())).add(d.outcome())
                    .add(d.reason()).add(paymentIds.get(line.sequence())).add(suspenseIds.get(line.sequence()))
                    .add(recordedAt).end();
        }
        rows.copyInto(dataSource, "remittance_line (batch_row_id, sequence, line_number, account_number, scan_line, "
                + "amount, payment_date, check_number, outcome, reason, payment_id, suspense_id, recorded_at)");
        List<AuditTrail.Change> heldChanges = new ArrayList<>(held.size());
        for (Decision d : held) {
            heldChanges.add(new AuditTrail.Change(Long.toString(suspenseIds.get(d.line().sequence())), null,
                    Map.of("source", sourceReference(batchId, d.line().sequence()), "amount", d.line().amount().toString(),
                            "reason", d.reason())));
        }
        audit.recordChanges("payment_suspense", "held", heldChanges);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static String sourceReference(String batchId, int sequence) {
        return "lockbox:" + batchId + ":" + sequence;
    }

    /** Which account the line names, and whether it can post as far as the line itself says. */
    private Decision decide(RemittanceFile.Line line) {
        String account = null;
        if (!line.accountNumber().isBlank()) {
            Optional<AccountNumber> number = AccountNumber.parse(line.accountNumber());
            if (number.isEmpty()) {
                return new Decision(line, null, "SUSPENDED", "'" + line.accountNumber()
                        + "' is not a valid account number");
            }
            account = number.get().value();
        } else if (!line.scanLine().isBlank()) {
            try {
                account = ScanLine.parse(line.scanLine()).accountNumber();
            } catch (BusinessRuleViolation e) {
                return new Decision(line, null, "SUSPENDED", "Unreadable scan line: " + e.getMessage());
            }
        } else {
            return new Decision(line, null, "SUSPENDED", "No account number or scan line");
        }
        if (!line.amount().isPositive()) {
            return new Decision(line, account, "SUSPENDED", "The amount " + line.amount().formatted()
                    + " is not positive");
        }
        return new Decision(line, account, "POSTED", null);
    }

    /** The index of the payment a postAll refusal names in its field, e.g. payments[3].tenders[0].type. */
    static Integer refusedIndex(BusinessRuleViolation e) {
        for (BusinessRuleViolation.FieldProblem problem : e.problems()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^payments\\[(\\d{1,9})\\]")
                    .matcher(problem.field() == null ? "" : problem.field());
            if (m.find()) {
                return Integer.valueOf(m.group(1));
            }
        }
        return null;
    }

    /** A line Payments refused, by its sequence; thrown to roll the chunk back and retry without it. */
    private static final class RefusedLine extends RuntimeException {
        final int sequence;

        RefusedLine(int sequence, String message) {
            super(message, null, false, false);
            this.sequence = sequence;
        }
    }

    private NewPayment payment(long batchRowId, String batchId, Decision d) {
        RemittanceFile.Line line = d.line();
        String check = line.checkNumber().matches("[A-Za-z0-9-]{1,20}") ? line.checkNumber() : null;
        return new NewPayment(sourceReference(batchId, line.sequence()), TenderSource.LOCKBOX, batchRowId,
                line.paymentDate(), List.of(new NewPayment.Tender(TenderType.CHECK, line.amount(), check, null, null,
                        null)),
                List.of(new NewPayment.Allocation(new PaymentTarget(UTILITY_ACCOUNT, d.account()), line.amount())),
                null, "lockbox " + batchId + " #" + line.sequence());
    }

    public ImportReport report(long batchRowId, boolean alreadyImported, boolean resumed) {
        Map<String, Object> batch = jdbc.sql("select batch_id, status, line_count, amount_total from remittance_batch where id = :id")
                .param("id", batchRowId).query().singleRow();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Money> sums = new HashMap<>();
        jdbc.sql("select outcome, count(*), coalesce(sum(amount), 0) from remittance_line where batch_row_id = :id group by outcome")
                .param("id", batchRowId).query(rs -> {
                    counts.put(rs.getString(1), new int[] {rs.getInt(2)});
                    sums.put(rs.getString(1), Money.of(rs.getBigDecimal(3)));
                });
        List<LineOutcome> exceptions = jdbc.sql("""
                select sequence, line_number, account_number, amount, outcome, reason, payment_id, suspense_id
                from remittance_line where batch_row_id = :id and (outcome <> 'POSTED' or reason is not null)
                order by sequence limit 1000""").param("id", batchRowId)
                .query((rs, i) -> new LineOutcome(rs.getInt(1), rs.getInt(2), rs.getString(3),
                        Money.of(rs.getBigDecimal(4)), rs.getString(5), rs.getString(6), (Long) rs.getObject(7),
                        (Long) rs.getObject(8)))
                .list();
        return new ImportReport(batchRowId, (String) batch.get("batch_id"), alreadyImported, resumed,
                (String) batch.get("status"), ((Number) batch.get("line_count")).intValue(), count(counts, "POSTED"),
                count(counts, "SUSPENDED"), count(counts, "REJECTED"),
                Money.of((java.math.BigDecimal) batch.get("amount_total")), sums.getOrDefault("POSTED", Money.ZERO),
                sums.getOrDefault("SUSPENDED", Money.ZERO).plus(sums.getOrDefault("REJECTED", Money.ZERO)),
                exceptions);
    }

    private static int count(Map<String, int[]> counts, String outcome) {
        int[] c = counts.get(outcome);
        return c == null ? 0 : c[0];
    }

    /** The batches, newest first. */
    public List<Map<String, Object>> recentBatches(int limit) {
        return jdbc.sql("""
                select b.id, b.batch_id, b.file_name, b.status, b.line_count, b.amount_total, b.imported_at, b.imported_by,
                       count(*) filter (where l.outcome = 'POSTED') as posted,
                       count(*) filter (where l.outcome = 'SUSPENDED') as suspended,
                       count(*) filter (where l.outcome = 'REJECTED') as rejected
                from remittance_batch b left join remittance_line l on l.batch_row_id = b.id
                group by b.id order by b.id desc limit :n""").param("n", limit).query().listOfRows();
    }

    static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPaymentFile(RemittanceFileParser.FORMAT, 0, "the file is not UTF-8 text");
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}

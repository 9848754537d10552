package org.civicdesk.billrun.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts, cancels and reports bill runs. A run is split into chunks of accounts (by id range) when it
 * starts; {@link BillRunWorker} does the chunks.
 */
@Service
public class BillRuns {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final BusinessTime time;
    private final AuditTrail audit;
    private final BillRunWorker worker;
    private final int chunkSize;
    private final int dueDays;

    BillRuns(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditTrail audit, BillRunWorker worker,
            @Value("${civicdesk.billing.run.chunk-size:1000}") int chunkSize,
            @Value("${civicdesk.billing.due-days:21}") int dueDays) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.time = new BusinessTime(clock);
        this.audit = audit;
        this.worker = worker;
        this.chunkSize = chunkSize;
        this.dueDays = dueDays;
    }

    /** What staff ask for: a cycle, TRIAL or ISSUE, the read cutoff and the bill date. */
    public record StartRun(Integer cycle, String mode, LocalDate cutoffDate, LocalDate billDate) {
    }

    public record RunException(long id, long accountId, String accountNumber, Long agreementId, String kind, boolean held,
            String detail) {
    }

    /** Starts a run; the work begins at once on this instance and any other with the scheduler. */
    public BillRunView start(StartRun request) {
        return start(request, true);
    }

    BillRunView start(StartRun request, boolean kick) {
        return start(request, kick, chunkSize);
    }

    BillRunView start(StartRun request, boolean kick, int size) {
        validate(request);
        String mode = request.mode().trim().toUpperCase();
        LocalDate due = request.billDate().plusDays(dueDays);
        long id = tx.execute(status -> {
            Long running = jdbc.sql("select id from bill_run where billing_cycle = ? and status = 'RUNNING'")
                    .param(request.cycle()).query(Long.class).optional().orElse(null);
            if (running != null) {
                throw alreadyRunning(request.cycle(), running);
            }
            long runId;
            try {
                runId = jdbc.sql("""
                        insert into bill_run (billing_cycle, mode, cutoff_date, bill_date, due_date, status, created_at,
                          created_by)
                        values (?, ?, ?, ?, ?, 'RUNNING', ?, ?) returning id""")
                        .params(request.cycle(), mode, request.cutoffDate(), request.billDate(), due, now(),
                                BillMaker.actor())
                        .query(Long.class).single();
            } catch (DuplicateKeyException e) {
                throw alreadyRunning(request.cycle(), null);
            }
            // chunks of accounts by id range: the accounts with a billable agreement at a premise of the cycle.
            // The cycle's premises by index, their agreements by premise: the default page cost (4, for spinning
            // disks) chose to read every agreement of the city for each run (1.4 s a run at 1,000,000 accounts).
            jdbc.sql("set local random_page_cost = 1.1").update();
            jdbc.sql("""
                    insert into bill_run_chunk (run_id, chunk_no, first_account_id, last_account_id, accounts, account_ids)
                    select :run, chunk, min(account_id), max(account_id), count(*), array_agg(account_id order by account_id)
                    from (select account_id, (row_number() over (order by account_id) - 1) / :size as chunk
                          from (select distinct sa.account_id
                                from service_agreement sa join premise p on p.id = sa.premise_id
                                where p.billing_cycle = :cycle and sa.start_date <= :cutoff
                                  and (sa.status in ('ACTIVE', 'PENDING_STOP')
                                       or (sa.status = 'STOPPED' and sa.final_bill_requested))) a) n
                    group by chunk""")
                    .param("run", runId).param("size", size).param("cycle", request.cycle())
                    .param("cutoff", request.cutoffDate())
                    .update();
            int accounts = jdbc.sql("select coalesce(sum(accounts), 0) from bill_run_chunk where run_id = ?")
                    .param(runId).query(Integer.class).single();
            jdbc.sql("update bill_run set accounts_total = ? where id = ?").params(accounts, runId).update();
            if (accounts == 0) {
                jdbc.sql("update bill_run set status = 'COMPLETED', finished_at = ? where id = ?")
                        .params(now(), runId).update();
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("cycle", request.cycle());
            after.put("mode", mode);
            after.put("cutoffDate", request.cutoffDate().toString());
            after.put("billDate", request.billDate().toString());
            after.put("dueDate", due.toString());
            after.put("accounts", accounts);
            audit.recordChange("bill_run", Long.toString(runId), "started", null, after);
            if (kick) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        worker.kick();
                    }
                });
            }
            return runId;
        });
        return run(id);
    }

    private static Conflict alreadyRunning(int cycle, Long running) {
        return new Conflict("billing.run-already-running", "Billing cycle " + cycle + " already has a bill run going"
                + (running == null ? "" : " (run " + running + ")") + "; wait for it to finish or cancel it");
    }

    private void validate(StartRun r) {
        List<FieldProblem> problems = new ArrayList<>();
        if (r.cycle() == null || r.cycle() < 1 || r.cycle() > 20) {
            problems.add(new FieldProblem("cycle", "Choose a billing cycle from 1 to 20"));
        }
        if (r.mode() == null || !List.of("TRIAL", "ISSUE").contains(r.mode().trim().toUpperCase())) {
            problems.add(new FieldProblem("mode", "Choose TRIAL (nothing is posted) or ISSUE"));
        }
        LocalDate today = time.today();
        if (r.cutoffDate() == null) {
            problems.add(new FieldProblem("cutoffDate", "Give the read cutoff date"));
        } else if (r.cutoffDate().isAfter(today)) {
            problems.add(new FieldProblem("cutoffDate", "The read cutoff " + r.cutoffDate()
                    + " is in the future; reads up to today at most can be billed"));
        }
        if (r.billDate() == null) {
            problems.add(new FieldProblem("billDate", "Give the bill date"));
        } else if (r.cutoffDate() != null && r.billDate().isBefore(r.cutoffDate())) {
            problems.add(new FieldProblem("billDate", "The bill date " + r.billDate()
                    + " is before the read cutoff " + r.cutoffDate()));
        } else if (r.billDate().isAfter(today.plusDays(31))) {
            problems.add(new FieldProblem("billDate", "The bill date " + r.billDate()
                    + " is more than a month ahead"));
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("billing.run-invalid", "The bill run cannot start: "
                    + problems.get(0).reason(), problems);
        }
    }

    /** Cancels a running run: chunks not started are skipped; bills already issued stay issued. */
    public BillRunView cancel(long runId) {
        tx.executeWithoutResult(status -> {
            BillRunView before = run(runId);
            if (!before.running()) {
                throw new Conflict("billing.run-not-running", "Bill run " + runId + " is " + before.status()
                        + "; only a running run can be cancelled");
            }
            // chunks first (a worker holds its chunk, then the run): the same lock order, no deadlock
            jdbc.sql("update bill_run_chunk set status = 'SKIPPED', finished_at = ? where run_id = ? and status = 'PENDING'")
                    .params(now(), runId).update();
            jdbc.sql("""
                    update bill_run set status = 'CANCELLED', finished_at = ?, status_detail = ?
                    where id = ? and status = 'RUNNING'""")
                    .params(now(), "Cancelled by " + BillMaker.actor(), runId).update();
            audit.recordChange("bill_run", Long.toString(runId), "cancelled", Map.of("status", before.status()),
                    Map.of("status", "CANCELLED"));
        });
        return run(runId);
    }

    public BillRunView run(long runId) {
        return jdbc.sql(SELECT_RUN + " where r.id = ?").param(runId).query((rs, n) -> view(rs)).optional()
                .orElseThrow(() -> new RecordNotFound("runId", "There is no bill run " + runId));
    }

    public List<BillRunView> runs(int limit) {
        return jdbc.sql(SELECT_RUN + " order by r.id desc limit ?").param(Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> view(rs)).list();
    }

    public List<RunException> exceptions(long runId, int limit) {
        return jdbc.sql("""
                select id, account_id, account_number, agreement_id, kind, held, detail from bill_run_exception
                where run_id = ? order by id limit ?""")
                .params(runId, Math.max(1, Math.min(limit, 5000)))
                .query((rs, n) -> new RunException(rs.getLong(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4),
                        rs.getString(5), rs.getBoolean(6), rs.getString(7)))
                .list();
    }

    /** Counts of the run's exceptions by kind. */
    public Map<String, Integer> exceptionCounts(long runId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("select kind, count(*) from bill_run_exception where run_id = ? group by kind order by kind")
                .param(runId).query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        return counts;
    }

    private static final String SELECT_RUN = """
            select r.id, r.billing_cycle, r.mode, r.cutoff_date, r.bill_date, r.due_date, r.status, r.accounts_total,
              r.accounts_done, r.bills, r.exceptions, r.total_billed,
              (select count(*) from bill_run_chunk c where c.run_id = r.id),
              (select count(*) from bill_run_chunk c where c.run_id = r.id and c.status = 'DONE'),
              r.status_detail, r.created_at, r.created_by, r.finished_at
            from bill_run r""";

    private static BillRunView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime finished = rs.getObject(18, OffsetDateTime.class);
        return new BillRunView(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getInt(8),
                rs.getInt(9), rs.getInt(10), rs.getInt(11), Money.of(rs.getBigDecimal(12)), rs.getInt(13), rs.getInt(14),
                rs.getString(15), rs.getObject(16, OffsetDateTime.class).toInstant(), rs.getString(17),
                finished == null ? null : finished.toInstant());
    }

    private OffsetDateTime now() {
        return time.now().atZone(time.zone()).toOffsetDateTime();
    }

    Instant instant() {
        return time.now();
    }
}

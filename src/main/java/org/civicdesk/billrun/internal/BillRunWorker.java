package org.civicdesk.billrun.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.platform.BusinessTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Does the chunks of running bill runs, on every instance: a chunk is claimed with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} and billed in one transaction (bills, lines, ledger entries, the
 * chunk marked DONE and the run's counters), so a crash loses at most the chunk in flight, which stays
 * PENDING for the next worker. A poller (every 2 seconds where the scheduler runs) picks up runs started
 * elsewhere or left by a stopped instance; a run whose chunks are all done is completed.
 */
@Component
public class BillRunWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BillRunWorker.class);
    static final String ACTOR = "system:bill-run";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final BillMaker maker;
    private final BusinessTime time;
    private final AuditTrail audit;
    private final int workers;
    private final String instance;
    private final ExecutorService pool;
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean stopping;
    private final boolean polling;

    BillRunWorker(JdbcClient jdbc, TransactionTemplate tx, BillMaker maker, Clock clock, AuditTrail audit,
            @Value("${civicdesk.billing.run.workers:2}") int workers,
            @Value("${civicdesk.billing.run.instance-name:}") String instanceName,
            @Value("${civicdesk.scheduling.enabled:true}") boolean polling) {
        this.polling = polling;
        this.jdbc = jdbc;
        this.tx = tx;
        this.maker = maker;
        this.time = new BusinessTime(clock);
        this.audit = audit;
        this.workers = Math.max(1, workers);
        this.instance = instanceName.isBlank() ? defaultInstanceName() : instanceName;
        this.pool = Executors.newFixedThreadPool(this.workers, r -> {
            Thread t = new Thread(r, "bill-run-worker");
            t.setDaemon(true);
            return t;
        });
    }

    private static String defaultInstanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    String instance() {
        return instance;
    }

    /** Starts the workers that are not busy yet; each works until no chunk is left to claim. */
    public void kick() {
        while (!stopping) {
            int now = active.get();
            if (now >= workers) {
                return;
            }
            if (active.compareAndSet(now, now + 1)) {
                pool.submit(() -> {
                    try {
                        drain();
                    } catch (RuntimeException e) {
                        log.error("Bill run worker stopped", e);
                    } finally {
                        active.decrementAndGet();
                    }
                });
            }
        }
    }

    @Scheduled(fixedDelayString = "${civicdesk.billing.run.poll-every:PT2S}", initialDelayString = "${civicdesk.billing.run.poll-first-after:PT2S}")
    void poll() {
        // the scheduling switch holds even where another module turned Spring's scheduler on
        if (!polling) {
            return;
        }
        completeFinishedRuns();
        kick();
    }

    /** Claims and bills chunks on the calling thread until none is left (tests, the benchmark). */
    public int drain() {
        int done = 0;
        while (!stopping && runOneChunk()) {
            done++;
        }
        completeFinishedRuns();
        return done;
    }

    /** True while a worker of this instance is busy. */
    public boolean busy() {
        return active.get() > 0;
    }

    record Claimed(long runId, int chunkNo, long first, long last, int cycle, String mode, LocalDate cutoff,
            LocalDate billDate, LocalDate dueDate, long[] accountIds) {
    }

    /** The chunk's account ids, or null for a chunk written before chunks named their accounts. */
    private static long[] ids(java.sql.Array array) throws java.sql.SQLException {
        if (array == null) {
            return null;
        }
        Long[] boxed = (Long[]) array.getArray();
        long[] ids = new long[boxed.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = boxed[i];
        }
        return ids;
    }

    /**
     * Claims one pending chunk of a running run and bills it in one transaction; false when none is left. The chunk
     * of lowest first account comes first, whatever its run: runs running together go through the account ids
     * side by side, and each chunk reads pages the other runs' chunks of the same ids have just read.
     */
    boolean runOneChunk() {
        Claimed[] failed = new Claimed[1];
        try {
            Boolean did = AuditActor.runAs(ACTOR, () -> tx.execute(status -> {
                Claimed c = jdbc.sql("""
                        select c.run_id, c.chunk_no, c.first_account_id, c.last_account_id, r.billing_cycle, r.mode,
                          r.cutoff_date, r.bill_date, r.due_date, c.account_ids
                        from bill_run_chunk c join bill_run r on r.id = c.run_id
                        where c.status = 'PENDING' and r.status = 'RUNNING'
                        order by c.first_account_id, c.run_id, c.chunk_no
                        limit 1
                        for update of c skip locked""")
                        .query((rs, n) -> new Claimed(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                                rs.getInt(5), rs.getString(6), rs.getObject(7, LocalDate.class),
                                rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class), ids(rs.getArray(10))))
                        .optional().orElse(null);
                if (c == null) {
                    return false;
                }
                failed[0] = c;
                // A chunk is a few thousand rows of tables of millions: the plans for any chunk (index probes per
                // row) are the right ones, and planning with each chunk's arrays chose hashes of whole tables
                // (every service point, 4x slower) until the connection's statements turned generic.
                jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
                BillMaker.Result result = maker.make(new BillMaker.Target(c.runId(), c.cycle(), c.first(), c.last(),
                        c.cutoff(), c.billDate(), c.dueDate(), "ISSUE".equals(c.mode()), c.accountIds()));
                jdbc.sql("""
                        update bill_run_chunk set status = 'DONE', worker = ?, bills = ?, exceptions = ?, finished_at = ?
                        where run_id = ? and chunk_no = ?""")
                        .params(instance + ":" + Thread.currentThread().getName(), result.bills(), result.exceptions(),
                                now(), c.runId(), c.chunkNo())
                        .update();
                jdbc.sql("""
                        update bill_run set accounts_done = accounts_done + (select accounts from bill_run_chunk
                                                                             where run_id = ? and chunk_no = ?),
                          bills = bills + ?, exceptions = exceptions + ?, total_billed = total_billed + ?
                        where id = ?""")
                        .params(c.runId(), c.chunkNo(), result.bills(), result.exceptions(), result.billed().amount(),
                                c.runId())
                        .update();
                return true;
            }));
            return Boolean.TRUE.equals(did);
        } catch (RuntimeException e) {
            if (stopping) {
                return false;
            }
            Claimed c = failed[0];
            if (c == null) {
                throw e;
            }
            log.error("Bill run {} chunk {} failed", c.runId(), c.chunkNo(), e);
            fail(c.runId(), "Chunk " + c.chunkNo() + " (accounts " + c.first() + " to " + c.last() + ") failed: "
                    + e.getMessage());
            return true;
        }
    }

    private void fail(long runId, String detail) {
        AuditActor.runAs(ACTOR, () -> tx.executeWithoutResult(status -> {
            int n = jdbc.sql("""
                    update bill_run set status = 'FAILED', finished_at = ?, status_detail = left(?, 2000)
                    where id = ? and status = 'RUNNING'""")
                    .params(now(), detail, runId).update();
            if (n > 0) {
                audit.recordChange("bill_run", Long.toString(runId), "failed", Map.of("status", "RUNNING"),
                        Map.of("status", "FAILED", "detail", detail));
            }
        }));
    }

    /** Runs whose chunks are all done (or skipped) are completed. */
    public void completeFinishedRuns() {
        AuditActor.runAs(ACTOR, () -> tx.executeWithoutResult(status -> {
            List<Long> done = jdbc.sql("""
                    with finished as (
                      select r.id from bill_run r
                      where r.status = 'RUNNING'
                        and not exists (select 1 from bill_run_chunk c where c.run_id = r.id and c.status = 'PENDING')
                      order by r.id
                      -- several workers complete at once: a run another one holds is theirs to complete; taking
                      -- rows in whatever order the plan gives deadlocked two completers
                      for update skip locked)
                    update bill_run r set status = 'COMPLETED', finished_at = ?
                    from finished f where r.id = f.id
                    returning r.id""")
                    .param(now()).query(Long.class).list();
            for (Long id : done) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("status", "COMPLETED");
                after.put("by", instance);
                audit.recordChange("bill_run", Long.toString(id), "completed", Map.of("status", "RUNNING"), after);
            }
        }));
    }

    private OffsetDateTime now() {
        return time.now().atZone(time.zone()).toOffsetDateTime();
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}

package org.civicdesk.fieldservice.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.customer.PendingServiceOrders;
import org.civicdesk.customer.PendingServiceOrders.PendingServiceOrder;
import org.civicdesk.fieldservice.FieldOrderTypes;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.fieldservice.NewFieldOrder;
import org.civicdesk.metering.FieldReads;
import org.civicdesk.metering.FieldReads.RereadToDispatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in the field work other modules leave waiting: the customer module's pending start and stop orders
 * and metering's OPEN reread requests. Each source row becomes one field order in one transaction with its
 * hand-off (the source marked HANDED_OFF or DISPATCHED through its module's API): a row already handed off is
 * skipped, and the order's unique (source, reference) forbids a second order, so running twice, or on two
 * instances at once, makes each order once. Runs on a schedule and on demand from the dispatch board.
 */
@Component
class FieldOrderIntake {

    static final String SOURCE_PENDING = "pending_service_order";
    static final String SOURCE_REREAD = "reread_request";
    static final String ACTOR = "system:field-intake";
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(FieldOrderIntake.class);

    /** What one intake did. */
    record Result(int fromStartsAndStops, int fromRereads, int skipped) {
        int total() {
            return fromStartsAndStops + fromRereads;
        }
    }

    private final PendingServiceOrders pending;
    private final FieldReads reads;
    private final FieldOrders orders;
    private final TransactionTemplate tx;
    private final Clock clock;

    FieldOrderIntake(PendingServiceOrders pending, FieldReads reads, FieldOrders orders, TransactionTemplate tx,
            Clock clock) {
        this.pending = pending;
        this.reads = reads;
        this.orders = orders;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${civicdesk.fieldservice.intake-every:PT1M}", initialDelayString = "PT30S")
    void scheduled() {
        Result r = AuditActor.runAs(ACTOR, (java.util.function.Supplier<Result>) this::takeIn);
        if (r.total() > 0) {
            log.info("Field intake: {} orders from starts and stops, {} from rereads", r.fromStartsAndStops(), r.fromRereads());
        }
    }

    /** Takes in everything waiting now. */
    Result takeIn() {
        int starts = 0;
        int rereads = 0;
        int skipped = 0;
        List<PendingServiceOrder> waiting;
        long after = 0;
        do {
            waiting = pending.pending(after, BATCH);
            for (PendingServiceOrder p : waiting) {
                after = p.id();
                if (inOwnTransaction("pending service order " + p.id(), () -> takeIn(p))) {
                    starts++;
                } else {
                    skipped++;
                }
            }
        } while (waiting.size() == BATCH);
        for (RereadToDispatch r : reads.openRereads(BATCH)) {
            // a reread where no one takes the service now waits: an order belongs to an account
            if (r.accountNumber() != null && inOwnTransaction("reread request " + r.id(), () -> takeIn(r))) {
                rereads++;
            } else {
                skipped++;
            }
        }
        return new Result(starts, rereads, skipped);
    }

    /** One source row, one transaction; a row that fails is logged and left for the next run. */
    private boolean inOwnTransaction(String what, java.util.function.Supplier<Boolean> work) {
        try {
            return Boolean.TRUE.equals(tx.execute(s -> work.get()));
        } catch (RuntimeException e) {
            log.warn("Field intake could not take in {}: {}", what, e.getMessage());
            return false;
        }
    }

    private boolean takeIn(PendingServiceOrder p) {
        if (!pending.handOff(p.id())) {
            return false;
        }
        orders.create(new NewFieldOrder(p.orderType(), p.accountNumber(), p.premiseId(), p.serviceType(), p.agreementId(),
                p.requestedFor(), "NORMAL", p.note(), SOURCE_PENDING, Long.toString(p.id())));
        return true;
    }

    private boolean takeIn(RereadToDispatch r) {
        if (!reads.markRereadDispatched(r.id())) {
            return false;
        }
        String note = "Reread of read " + r.readId() + " on meter " + r.meterNumber() + (r.note() == null ? "" : ": " + r.note());
        orders.create(new NewFieldOrder(FieldOrderTypes.REREAD, r.accountNumber(), r.premiseId(), r.serviceType(),
                r.agreementId(), LocalDate.now(clock), "NORMAL", note, SOURCE_REREAD, Long.toString(r.id())));
        return true;
    }
}

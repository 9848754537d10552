package org.civicdesk.fieldservice;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Field orders: create (idempotent by source and reference), schedule, assign, move through the field's steps,
 * cancel. Each action is one transaction, recorded as a field_order_event and in the audit trail; a step the
 * lifecycle does not allow (completing a cancelled order) is refused with the reason and writes nothing.
 * Collections creates its door hangers and disconnects here and cancels them when a payment arrives.
 */
public interface FieldOrders {

    /** Creates the order, or returns the one already made for the same source and reference. */
    FieldOrder create(NewFieldOrder order);

    /**
     * Creates many orders at once in the caller's transaction (a daily job's chunk), each idempotent by source and
     * reference as {@link #create}: the orders and their events a statement each, the audit records together.
     * Disconnects for non-payment are asked of {@code decided}, the answer of a caller that has just decided them
     * with the disconnect policy from facts it read set-based, instead of rebuilding each account's facts; every
     * other entry point ({@link #create}) still asks the registered {@link DisconnectProtection}. A refusal or bad
     * input fails the whole call with the order's position in the field name.
     *
     * @return the orders' ids (made now or before), in the order of the requests
     */
    List<Long> createAll(List<NewFieldOrder> orders, DisconnectProtection decided);

    /** Cancels an order that is not finished; reason required. */
    FieldOrder cancel(long orderId, String reason);

    /** RecordNotFound when there is none. */
    FieldOrder order(long orderId);

    FieldOrder.WithHistory withHistory(long orderId);

    /** The order made for a source row or key, if any. */
    Optional<FieldOrder> bySource(String source, String sourceReference);

    /** The account's orders, newest first. */
    List<FieldOrder> ofAccount(long accountId, int limit);

    /** The account's orders that are not finished, optionally of one type (null: any). */
    List<FieldOrder> openOfAccount(long accountId, String type);

    /** Which of these accounts have an open order of one of these types (one question for a batch of payments). */
    java.util.Set<Long> accountsWithOpenOrders(java.util.Collection<Long> accountIds, java.util.Collection<String> types);

    /** Sets the day the work is planned for (CREATED or SCHEDULED orders). */
    FieldOrder schedule(long orderId, LocalDate day);

    /** Assigns or reassigns a field specialist: the order is DISPATCHED to them. */
    FieldOrder assign(long orderId, String specialist);

    /** The specialist is on the way. */
    FieldOrder startRoute(long orderId, String note);

    /** Completed; reading required for orders that need a read. */
    FieldOrder complete(long orderId, String reading, String note);

    /** The work could not be done; reason required. */
    FieldOrder fail(long orderId, String reason);
}

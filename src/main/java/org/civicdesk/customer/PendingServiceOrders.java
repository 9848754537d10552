package org.civicdesk.customer;

import java.time.LocalDate;
import java.util.List;

/**
 * Field work that a start or stop of service left waiting (table pending_service_order), for the field
 * service module to take in. Each order is handed off once.
 */
public interface PendingServiceOrders {

    /** Orders still PENDING with an id above afterId, oldest first, at most limit. */
    List<PendingServiceOrder> pending(long afterId, int limit);

    /**
     * Marks a PENDING order HANDED_OFF in the caller's transaction, locking it; false when it was no longer
     * pending (cancelled, or handed off by another run), so that the caller makes no second order.
     */
    boolean handOff(long orderId);

    /** A pending order with what a field order needs to say where and for whom. */
    record PendingServiceOrder(long id, long accountId, String accountNumber, long premiseId, String premiseAddress,
            String route, Long agreementId, String serviceType, String orderType, LocalDate requestedFor, String note) {
    }
}

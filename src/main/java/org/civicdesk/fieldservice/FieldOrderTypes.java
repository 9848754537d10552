package org.civicdesk.fieldservice;

/**
 * The order types known today (table field_order_type). A later module adds its own type with a row in
 * that table (barrel deliveries, roll-off swaps) and passes its code as text.
 */
public final class FieldOrderTypes {

    public static final String CONNECT = "CONNECT";
    /** The read at the start of service. */
    public static final String INITIAL_READ = "INITIAL_READ";
    /** The read at the stop of service; completing it publishes FieldOrderCompleted for the final bill. */
    public static final String FINAL_READ = "FINAL_READ";
    public static final String TRANSFER = "TRANSFER";
    /** Completing it marks the service disconnected (customer.ServiceConnections). */
    public static final String DISCONNECT_NONPAY = "DISCONNECT_NONPAY";
    /** The 48-hour notice hung on the door before a disconnect. */
    public static final String DOOR_HANGER = "DOOR_HANGER";
    /** Completing it restores a disconnected service. */
    public static final String RECONNECT = "RECONNECT";
    /** A reconnect the same day (paid before the cut-off, with the fee). */
    public static final String SAME_DAY_RECONNECT = "SAME_DAY_RECONNECT";
    public static final String REREAD = "REREAD";
    public static final String METER_EXCHANGE = "METER_EXCHANGE";
    public static final String HIGH_BILL_INVESTIGATION = "HIGH_BILL_INVESTIGATION";
    public static final String METER_TEST = "METER_TEST";
    public static final String BARREL_DELIVERY = "BARREL_DELIVERY";
    public static final String BARREL_PICKUP = "BARREL_PICKUP";

    private FieldOrderTypes() {
    }
}

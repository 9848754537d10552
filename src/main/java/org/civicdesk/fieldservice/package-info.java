/**
 * Field service orders and dispatch: orders for field specialists (connect, reads, disconnect for non-payment,
 * door hangers, reconnects, rereads, meter work), their lifecycle with every step timed, the dispatch board,
 * the specialists' phone page and API, and what a completed order feeds back (reads to metering, connection
 * state to customer, FieldOrderCompleted for billing). Other modules create orders through
 * {@link org.civicdesk.fieldservice.FieldOrders}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Field service and dispatch")
package org.civicdesk.fieldservice;

/**
 * Meters and reads: meters installed at service points of premises, exchanges, reads entered on screen,
 * imported or sent by API, their validation and exception queue, and estimates. Billing asks it for the
 * usage of each service agreement through {@link org.civicdesk.metering.BillingReads}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Meters and reads")
package org.civicdesk.metering;

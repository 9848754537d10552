/**
 * Bill runs: bills composed from agreements, meter reads (metering's BillingReads) and the tariff book (billing's
 * Tariffs), posted to the ledger, in chunks that any instance claims; corrections (billing's BillCorrections) and
 * the yearly winter quarter average. A module of its own because billing is used by customer, which metering
 * uses: billing itself may not use metering.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bill runs")
package org.civicdesk.billrun;

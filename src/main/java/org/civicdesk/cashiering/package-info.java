/**
 * Payments and cashiering: receivables any cashier can take, drawers (tender controls) and deposits
 * (deposit controls), payment application, refunds, remittance and bank files, returned payments and the
 * Daily Cash Report.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments and cashiering")
package org.civicdesk.cashiering;

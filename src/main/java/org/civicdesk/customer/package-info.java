/**
 * Customers, premises, accounts and service agreements; start, stop and transfer of service; identity checks;
 * contacts, cases and letters; account search. The counter and the phone start here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customers and accounts")
package org.civicdesk.customer;

/**
 * Billing. For now the city's fee schedule (effective-dated flat fees such as account set-up, reconnection and
 * returned payment); meters, tariffs and bill runs come with the billing issue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Billing")
package org.civicdesk.billing;

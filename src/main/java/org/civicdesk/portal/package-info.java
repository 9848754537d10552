/**
 * The public's self-service portal under /portal: sign-up by linking an account, sign-in (separate from staff),
 * password reset, and what a customer does for the accounts linked to their login (bills, payments, usage,
 * pay now, requests), in English and Spanish.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Public self-service portal")
package org.civicdesk.portal;

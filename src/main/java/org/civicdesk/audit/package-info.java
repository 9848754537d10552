/** The audit trail: who changed what, when, from where, with before and after; append-only in the database. */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package org.civicdesk.audit;

package org.civicdesk.customer;

/** How urgent a case is. */
public enum CasePriority {
    LOW, NORMAL, HIGH, URGENT
}

package org.civicdesk.customer;

/** A telephone number: kind MOBILE, HOME, WORK or OTHER, and its digits (punctuation is dropped). */
public record Phone(String kind, String digits) {
}

package org.civicdesk.customer;

/**
 * Encryption at rest with the keys of customers' personal identifiers (AES-256-GCM, key-versioned), for other
 * modules' secrets such as a portal login's second-factor secret. The clear value is never logged.
 */
public interface SecretSealing {

    byte[] seal(String clear);

    String open(byte[] sealed);
}

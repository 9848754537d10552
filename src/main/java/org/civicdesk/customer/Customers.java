package org.civicdesk.customer;

import java.util.List;

/** Customers: people and businesses who take service or own premises. */
public interface Customers {

    /** Creates a customer; BusinessRuleViolation naming each bad field, nothing written. */
    CustomerDetails create(NewCustomer customer);

    /** RecordNotFound when there is none. */
    CustomerDetails customer(long id);

    /** Customers holding an identity document with this number (found by its blind index, never decrypted). */
    List<Long> findByIdentityDocument(String number);

    /** Customers with this tax id (blind index). */
    List<Long> findByTaxId(String taxId);

    /**
     * The clear value of a protected identifier, for a user holding PII_REVEAL; every call is audited.
     *
     * @param field taxId, dateOfBirth or document:ID
     */
    String reveal(long customerId, String field);
}

package org.civicdesk.customer;

import java.time.LocalDate;
import java.util.List;

/**
 * A customer to create: kind PERSON (first and last name, date of birth) or BUSINESS (business name, tax id).
 * Date of birth, tax id and document numbers are encrypted at rest.
 */
public record NewCustomer(String kind, String firstName, String lastName, String businessName,
        String preferredLanguage, LocalDate dateOfBirth, String taxId, Address mailing, List<Phone> phones,
        List<String> emails, List<IdentityDocumentInput> documents) {

    public NewCustomer {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
        documents = documents == null ? List.of() : List.copyOf(documents);
    }
}

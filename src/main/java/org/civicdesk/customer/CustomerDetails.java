package org.civicdesk.customer;

import java.time.LocalDate;
import java.util.List;

/** A customer as staff see it: personal identifiers masked (last four characters at most). */
public record CustomerDetails(long id, String kind, String displayName, String firstName, String lastName,
        String businessName, String preferredLanguage, Address mailing, List<Phone> phones, List<String> emails,
        List<Document> documents, String dateOfBirthMasked, String taxIdMasked, List<AccountSummary> accounts,
        List<OwnedPremise> ownedPremises) {

    /** An identity document, masked. */
    public record Document(long id, String type, String numberMasked, String issuer, LocalDate expiresOn) {
    }

    /** One of the customer's accounts. */
    public record AccountSummary(String accountNumber, String status, LocalDate openedOn, LocalDate closedOn) {
    }

    /** A premise the customer owns or manages (apart from any service taken there). */
    public record OwnedPremise(long premiseId, String address, String role, LocalDate since, LocalDate until) {
    }
}

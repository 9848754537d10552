package org.civicdesk.customer;

import java.util.List;

/**
 * Changes to an account; a null field is left as it is. Phones and emails replace the customer's current
 * ones when given. The bill due day is 1 to 28 (the city's rule: every month has that day).
 */
public record AccountChange(Address mailing, Integer billDueDay, Boolean paperless, String language,
        List<Phone> phones, List<String> emails, Boolean receivesReversion) {
}

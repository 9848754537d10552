package org.civicdesk.customer;

import java.time.LocalDate;
import java.util.List;

/** Service addresses and who owns them (kept apart from who takes service there). */
public interface Premises {

    PremiseDetails create(NewPremise premise);

    /** RecordNotFound when there is none. */
    PremiseDetails premise(long id);

    /** Premises whose address resembles the text (typo-tolerant), best first. */
    List<PremiseDetails> find(String addressText, int limit);

    /** Records that a customer owns (OWNER), lets (LANDLORD) or manages (PROPERTY_MANAGER) the premise from a date. */
    PremiseDetails recordOwner(long premiseId, long customerId, String role, LocalDate since);
}

package org.civicdesk.customer;

import java.util.List;

/**
 * The one search box for accounts: an account number (whole, without its check digit, or its first digits),
 * a customer name (typos forgiven), a service address (house number and street, or a fragment), a phone
 * number (all ten digits or the last seven, punctuation ignored) or an e-mail address (exact, any case).
 * The kind of key is told from the shape of the query. It does not check permissions: callers do.
 */
public interface AccountSearch {

    /** At most limit hits (capped at 50), best first; empty for a blank query. */
    List<AccountSearchHit> search(String query, int limit);
}

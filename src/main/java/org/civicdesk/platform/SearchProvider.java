package org.civicdesk.platform;

import java.util.List;

/**
 * A module's contribution to the global search box. Each provider decides for itself what the signed-in user
 * may see and returns nothing otherwise.
 */
public interface SearchProvider {

    /** The heading its hits appear under, e.g. 'Accounts'. */
    String category();

    List<SearchHit> search(String query, int limit);

    record SearchHit(String title, String detail, String href) {
    }
}

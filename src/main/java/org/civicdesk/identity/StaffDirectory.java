package org.civicdesk.identity;

import java.util.List;
import java.util.Optional;

/** Names of staff users, for screens that show who did something. */
public interface StaffDirectory {

    Optional<String> displayName(String username);

    /** Enabled users whose roles grant the permission, by user name (field specialists for the dispatch board). */
    List<Member> holding(Permission permission);

    /** A staff user by name. */
    record Member(String username, String displayName) {
    }
}

package org.civicdesk.identity;

import java.util.Optional;

/** Names of staff users, for screens that show who did something. */
public interface StaffDirectory {

    Optional<String> displayName(String username);
}

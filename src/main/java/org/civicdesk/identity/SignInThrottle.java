package org.civicdesk.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * Failed sign-ins counted per name and address, and the wait they impose (the staff sign-in's policy: 5 failures
 * in 15 minutes, then 1, 2, 4 ... minutes, at most 15). Other sign-ins (the public portal) use it with a name of
 * their own realm, e.g. portal:someone@example.org, so their counts never mix with a staff user's.
 */
public interface SignInThrottle {

    /** The instant until which sign-in with this name from this address is refused, if it is refused now. */
    Optional<Instant> lockedUntil(String name, String address);

    void recordFailure(String name, String address);

    /** A successful sign-in forgets the failures of this name from this address. */
    void recordSuccess(String name, String address);

    /** Forgets every failure of this name (staff unlocking a login). */
    void clear(String name);
}

package org.civicdesk.portal.internal;

import java.io.Serializable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in member of the public: the principal of the portal's security chain. It names the login only;
 * which accounts the login may see is read per request ({@link PortalAccountAccess}), so an account unlinked by
 * staff is gone at the next click. Its name, the actor of the audit trail, is portal:ID (never a staff name).
 */
public record PortalCustomer(long loginId, String email) implements Serializable, AuthenticatedPrincipal {

    /** The audit actor of every portal action, e.g. portal:42. */
    public static String actorOf(long loginId) {
        return "portal:" + loginId;
    }

    @Override
    public String getName() {
        return actorOf(loginId);
    }
}

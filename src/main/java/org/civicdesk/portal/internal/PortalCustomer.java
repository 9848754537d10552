package org.civicdesk.portal.internal;

import java.io.Serializable;

/**
 * The signed-in member of the public: the principal of the portal's security chain. It names the login only;
 * which accounts the login may see is read per request ({@link PortalAccountAccess}), so an account unlinked by
 * staff is gone at the next click.
 */
public record PortalCustomer(long loginId, String email) implements Serializable {
}

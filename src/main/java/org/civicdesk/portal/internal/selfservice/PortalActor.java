package org.civicdesk.portal.internal.selfservice;

import java.util.List;
import java.util.function.Supplier;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.portal.internal.PortalCustomer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs a customer's action with the portal login as the actor everywhere the other modules record one (audit
 * trail, created_by, opened_by): they read the signed-in name, which for the portal principal would be the
 * record's text. Only the name changes; the authorities stay the portal's, so no staff permission is gained.
 */
final class PortalActor {

    private PortalActor() {
    }

    static String name(PortalCustomer customer) {
        return "portal:" + customer.loginId();
    }

    static <T> T act(PortalCustomer customer, Supplier<T> work) {
        String name = name(customer);
        SecurityContext outer = SecurityContextHolder.getContext();
        Authentication auth = outer.getAuthentication();
        SecurityContext inner = SecurityContextHolder.createEmptyContext();
        inner.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
                auth == null ? List.of() : auth.getAuthorities()));
        SecurityContextHolder.setContext(inner);
        try {
            return AuditActor.runAs(name, work);
        } finally {
            SecurityContextHolder.setContext(outer);
        }
    }
}

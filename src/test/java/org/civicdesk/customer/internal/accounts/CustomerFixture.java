package org.civicdesk.customer.internal.accounts;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.civicdesk.customer.Address;
import org.civicdesk.customer.IdentityDocumentInput;
import org.civicdesk.customer.NewCustomer;
import org.civicdesk.customer.NewPremise;
import org.civicdesk.customer.Phone;
import org.civicdesk.customer.PremiseDetails;
import org.civicdesk.customer.Premises;
import org.civicdesk.customer.ServiceLifecycle;
import org.civicdesk.identity.Permission;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Unique test data for the shared database: premises, customers and start requests. */
final class CustomerFixture {

    private CustomerFixture() {
    }

    static String unique() {
        return Long.toString(System.nanoTime());
    }

    static void signIn(String user, Permission... permissions) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                Arrays.stream(permissions).map(p -> new SimpleGrantedAuthority(p.authority())).toList()));
    }

    static void signInAsSenior() {
        signIn("senior", Permission.values());
    }

    static PremiseDetails premise(Premises premises, String type) {
        return premises.create(new NewPremise(unique() + " E Main St", null, "Mesa", "AZ", "85201", type, "135-"
                + unique().substring(0, 3), 3, "R12", List.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE", "IRRIGATION")));
    }

    static IdentityDocumentInput licence(String number, LocalDate expiresOn) {
        return new IdentityDocumentInput("DRIVER_LICENSE", number, "AZ", expiresOn);
    }

    static NewCustomer person(String lastName, IdentityDocumentInput document) {
        return new NewCustomer("PERSON", "Ana", lastName, null, "es", LocalDate.of(1984, 5, 17), null,
                new Address("PO Box 1466", null, "Mesa", "AZ", "85211"), List.of(new Phone("MOBILE", "(480) 555-0101")),
                List.of("ana." + lastName + "@example.org"), document == null ? List.of() : List.of(document));
    }

    static ServiceLifecycle.StartService startNew(NewCustomer customer, long premiseId, LocalDate startDate,
            String... services) {
        return new ServiceLifecycle.StartService(null, customer, null, premiseId, List.of(services), startDate, List.of(),
                "LEASE", "lease 2026", null, null, null, null);
    }
}

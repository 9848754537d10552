package org.civicdesk.identity.internal;

import java.util.List;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.identity.StaffRole;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * First start: with demo data on, one demo user per job (shared demo password); with it off and no users
 * at all, one administrator with a one-time password that must be changed. Then prints where to sign in.
 */
@Component
class StaffBootstrap {

    static final String DEMO_PASSWORD = "civicdesk-demo";

    /** One demo user per job, named after it. */
    static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("admin", "Alex Admin", StaffRole.ADMINISTRATOR),
            new DemoUser("supervisor", "Sam Supervisor", StaffRole.CUSTOMER_SERVICE_SUPERVISOR),
            new DemoUser("csr", "Carmen Specialist", StaffRole.CUSTOMER_SERVICE_SPECIALIST),
            new DemoUser("senior", "Sonia Senior", StaffRole.SENIOR_SPECIALIST),
            new DemoUser("cashier", "Cole Cashier", StaffRole.CASHIER),
            new DemoUser("headcashier", "Hana Head-Cashier", StaffRole.HEAD_CASHIER),
            new DemoUser("dispatcher", "Diego Dispatcher", StaffRole.FIELD_DISPATCHER),
            new DemoUser("field1", "Fran Field", StaffRole.FIELD_SPECIALIST),
            new DemoUser("field2", "Felix Field", StaffRole.FIELD_SPECIALIST),
            new DemoUser("cemetery", "Celia Cemetery", StaffRole.CEMETERY_COORDINATOR),
            new DemoUser("solidwaste", "Wes Solid-Waste", StaffRole.SOLID_WASTE_SPECIALIST),
            new DemoUser("tax", "Tara Tax", StaffRole.TAX_LICENSING_SPECIALIST));

    record DemoUser(String username, String displayName, StaffRole role) {
    }

    private final StaffUserRepository users;
    private final StaffUserAdministration administration;
    private final boolean demo;
    private final Environment environment;
    private String oneTimeAdminPassword;

    StaffBootstrap(StaffUserRepository users, StaffUserAdministration administration,
            @Value("${civicdesk.demo.enabled:false}") boolean demo, Environment environment) {
        this.users = users;
        this.administration = administration;
        this.demo = demo;
        this.environment = environment;
    }

    /** First among the ready listeners: demo data loaded at ready (field orders) may name the demo users. */
    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(0)
    public void onReady() {
        AuditActor.runAs("system:bootstrap", this::createMissingUsers);
        printSignIn();
    }

    synchronized void createMissingUsers() {
        if (demo) {
            String demoHash = null;
            for (DemoUser u : DEMO_USERS) {
                if (!users.usernameTaken(u.username())) {
                    demoHash = demoHash == null ? administration.hash(DEMO_PASSWORD) : demoHash;
                    administration.createWithPasswordHash(u.username(), u.displayName(), u.username() + "@civicdesk.example",
                            List.of(u.role().name()), demoHash, false);
                }
            }
        } else if (users.findAll().isEmpty()) {
            oneTimeAdminPassword = PasswordRules.temporary();
            administration.createWithPassword("admin", "Administrator", null,
                    List.of(StaffRole.ADMINISTRATOR.name()), oneTimeAdminPassword, true);
        }
    }

    private void printSignIn() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        StringBuilder out = new StringBuilder("\n\n  CivicDesk is ready: sign in at http://localhost:" + port + "/login\n");
        if (demo) {
            out.append("  Demo staff users (password for all: ").append(DEMO_PASSWORD).append("):\n");
            for (DemoUser u : DEMO_USERS) {
                out.append(String.format("    %-12s %s%n", u.username(), u.role().title()));
            }
        } else if (oneTimeAdminPassword != null) {
            out.append("  First administrator: admin, one-time password ").append(oneTimeAdminPassword)
                    .append(" (change it at first sign-in)\n");
        }
        System.out.println(out);
    }
}

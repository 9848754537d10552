package org.civicdesk.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.StaffRole;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, changing, disabling and resetting staff users; each change audited with before and after. */
@Service
class StaffUserAdministration {

    private final StaffUserRepository users;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final Clock clock;

    StaffUserAdministration(StaffUserRepository users, PasswordEncoder encoder, AuditTrail audit, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    record NewUser(String username, String displayName, String email, List<String> roles) {
    }

    record Created(StaffUser user, String temporaryPassword) {
    }

    @Transactional
    Created create(NewUser request) {
        String username = request.username() == null ? "" : request.username().trim().toLowerCase();
        List<FieldProblem> problems = new ArrayList<>();
        if (!username.matches("[a-z][a-z0-9._-]{1,39}")) {
            problems.add(new FieldProblem("username",
                    "User name must be 2 to 40 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter."));
        } else if (users.usernameTaken(username)) {
            problems.add(new FieldProblem("username", "User name " + username + " is already taken."));
        }
        validateProfile(request.displayName(), request.email(), problems);
        List<String> roles = validRoles(request.roles(), problems);
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("identity.user-invalid", "The user was not created.", problems);
        }
        String temporary = PasswordRules.temporary();
        long id = users.insert(username, request.displayName().trim(), blankToNull(request.email()),
                encoder.encode(temporary), true, clock.instant(), actor());
        users.replaceRoles(id, roles);
        StaffUser created = users.findById(id).orElseThrow();
        audit.recordChange("staff_user", username, "created", null, created.auditView());
        return new Created(created, temporary);
    }

    /** For the demo loader and first start: a user with a known password, no change required. */
    @Transactional
    StaffUser createWithPassword(String username, String displayName, String email, List<String> roles,
            String password, boolean mustChange) {
        return createWithPasswordHash(username, displayName, email, roles, encoder.encode(password), mustChange);
    }

    /** The demo users share one published password: hashing it once keeps the first start quick. */
    @Transactional
    StaffUser createWithPasswordHash(String username, String displayName, String email, List<String> roles,
            String passwordHash, boolean mustChange) {
        long id = users.insert(username, displayName, email, passwordHash, mustChange, clock.instant(), actor());
        users.replaceRoles(id, roles);
        StaffUser created = users.findById(id).orElseThrow();
        audit.recordChange("staff_user", username, "created", null, created.auditView());
        return created;
    }

    @Transactional
    StaffUser update(long id, String displayName, String email, List<String> roles) {
        StaffUser before = get(id);
        List<FieldProblem> problems = new ArrayList<>();
        validateProfile(displayName, email, problems);
        List<String> validRoles = validRoles(roles, problems);
        if (before.username().equals(actor()) && before.roles().contains(StaffRole.ADMINISTRATOR.name())
                && !validRoles.contains(StaffRole.ADMINISTRATOR.name())) {
            problems.add(new FieldProblem("roles", "You cannot take the administrator role from yourself."));
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("identity.user-invalid", "The user was not changed.", problems);
        }
        users.updateProfile(id, displayName.trim(), blankToNull(email));
        users.replaceRoles(id, validRoles);
        StaffUser after = get(id);
        audit.recordChange("staff_user", before.username(), "updated", before.auditView(), after.auditView());
        return after;
    }

    /** Disabling ends every session of the user at their next request. */
    @Transactional
    StaffUser setEnabled(long id, boolean enabled) {
        StaffUser before = get(id);
        if (!enabled && before.username().equals(actor())) {
            throw new BusinessRuleViolation("identity.disable-self", "enabled", "You cannot disable yourself.");
        }
        users.setEnabled(id, enabled, clock.instant());
        StaffUser after = get(id);
        audit.recordChange("staff_user", before.username(), enabled ? "enabled" : "disabled", before.auditView(),
                after.auditView());
        return after;
    }

    /** A new temporary password; the user's sessions end and the next sign-in must change it. */
    @Transactional
    String resetPassword(long id) {
        StaffUser before = get(id);
        String temporary = PasswordRules.temporary();
        users.setPassword(id, encoder.encode(temporary), true, clock.instant());
        audit.recordChange("staff_user", before.username(), "password-reset", before.auditView(), get(id).auditView());
        return temporary;
    }

    /**
     * The signed-in user changes their own password. Their other sessions end.
     *
     * @return the instant from which sessions are valid (the caller's session is renewed to it)
     */
    @Transactional
    Instant changeOwnPassword(String username, String current, String next, String confirmation) {
        StaffUser user = users.findByUsername(username)
                .orElseThrow(() -> new RecordNotFound("username", "No such user."));
        List<FieldProblem> problems = new ArrayList<>();
        if (current == null || !encoder.matches(current, users.passwordHash(user.id()))) {
            problems.add(new FieldProblem("currentPassword", "The current password is wrong."));
        }
        PasswordRules.problem(username, next)
                .ifPresent(p -> problems.add(new FieldProblem("newPassword", "The new password " + p + ".")));
        if (next != null && !next.equals(confirmation)) {
            problems.add(new FieldProblem("confirmPassword", "The two new passwords differ."));
        }
        if (next != null && current != null && next.equals(current)) {
            problems.add(new FieldProblem("newPassword", "The new password must differ from the current one."));
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("identity.password-invalid", "The password was not changed.", problems);
        }
        // PostgreSQL keeps microseconds: the instant stored must equal the one this session is renewed to
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        users.setPassword(user.id(), encoder.encode(next), false, now);
        audit.recordChange("staff_user", username, "password-changed", user.auditView(),
                get(user.id()).auditView());
        return now;
    }

    StaffUser get(long id) {
        return users.findById(id).orElseThrow(() -> new RecordNotFound("id", "No staff user with id " + id + "."));
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    List<StaffUser> all() {
        return users.findAll();
    }

    private static void validateProfile(String displayName, String email, List<FieldProblem> problems) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            problems.add(new FieldProblem("displayName", "Enter the person's name (at most 100 characters)."));
        }
        if (email != null && !email.isBlank() && !email.trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add(new FieldProblem("email", "Enter an e-mail address such as name@mesaaz.gov, or leave it empty."));
        }
    }

    private static List<String> validRoles(List<String> roles, List<FieldProblem> problems) {
        List<String> valid = new ArrayList<>();
        EnumSet<StaffRole> known = EnumSet.allOf(StaffRole.class);
        for (String role : roles == null ? List.<String>of() : roles) {
            if (known.stream().noneMatch(r -> r.name().equals(role))) {
                problems.add(new FieldProblem("roles", "Unknown role " + role + "."));
            } else if (!valid.contains(role)) {
                valid.add(role);
            }
        }
        if (valid.isEmpty() && problems.stream().noneMatch(p -> p.field().equals("roles"))) {
            problems.add(new FieldProblem("roles", "Choose at least one role."));
        }
        valid.sort(String::compareTo);
        return valid;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String actor() {
        return CurrentStaff.username().orElse("system");
    }
}

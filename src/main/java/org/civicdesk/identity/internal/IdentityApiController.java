package org.civicdesk.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Approvals;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Staff identity and approvals over REST. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Identity and approvals")
class IdentityApiController {

    private final Approvals approvals;
    private final StaffUserAdministration administration;

    IdentityApiController(Approvals approvals, StaffUserAdministration administration) {
        this.approvals = approvals;
        this.administration = administration;
    }

    record Me(String username, List<String> authorities) {
    }

    @GetMapping("/me")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    @Operation(summary = "The signed-in staff user and their permissions")
    Me me(Authentication auth) {
        return new Me(auth.getName(), auth.getAuthorities().stream().map(a -> a.getAuthority()).sorted().toList());
    }

    @GetMapping("/approvals/inbox")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    @Operation(summary = "Pending requests the signed-in user may decide")
    List<ApprovalRequest> inbox() {
        return approvals.inboxForCurrentUser();
    }

    @GetMapping("/approvals/{id}")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    ApprovalRequest find(@PathVariable long id) {
        return approvals.find(id);
    }

    record Decision(String note) {
    }

    @PostMapping("/approvals/{id}/approve")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    @Operation(summary = "Approve a request and run its action (never one's own request)")
    ApprovalRequest approve(@PathVariable long id, @RequestBody(required = false) Decision decision) {
        return approvals.approve(id, decision == null ? null : decision.note());
    }

    @PostMapping("/approvals/{id}/deny")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    ApprovalRequest deny(@PathVariable long id, @RequestBody(required = false) Decision decision) {
        return approvals.deny(id, decision == null ? null : decision.note());
    }

    @GetMapping("/staff-users")
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    List<StaffUser.AuditView> users() {
        return administration.all().stream().map(StaffUser::auditView).toList();
    }

    @PostMapping("/staff-users")
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a staff user; the answer carries a one-time temporary password")
    Map<String, Object> create(@RequestBody StaffUserAdministration.NewUser request) {
        StaffUserAdministration.Created created = administration.create(request);
        return Map.of("user", created.user().auditView(), "temporaryPassword", created.temporaryPassword());
    }

    @PostMapping("/staff-users/{id}/disable")
    @PreAuthorize("hasAuthority('USERS_ADMIN')")
    StaffUser.AuditView disable(@PathVariable long id) {
        return administration.setEnabled(id, false).auditView();
    }
}

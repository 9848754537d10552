package org.civicdesk.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.identity.ApprovalAction;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

@CivicDeskTest
class ApprovalsTests {

    /** A stand-in action that counts its runs: "write off" an amount, refusing negative ones when executed. */
    record WriteOff(String account, long cents) {
    }

    static class CountingWriteOff implements ApprovalAction<WriteOff> {
        final AtomicInteger runs = new AtomicInteger();

        @Override public String actionType() { return "test.write-off"; }
        @Override public Class<WriteOff> payloadType() { return WriteOff.class; }
        @Override public Permission approverPermission() { return Permission.LEDGER_APPROVE_MANUAL; }
        @Override public String describe(WriteOff p) { return "Write off " + p.cents() + " cents on " + p.account(); }
        @Override public void execute(WriteOff p, ApprovalRequest r) {
            if (p.cents() < 0) {
                throw new BusinessRuleViolation("test.negative", "cents", "A write-off cannot be negative.");
            }
            runs.incrementAndGet();
        }
    }

    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    @Autowired ObjectMapper json;
    @Autowired AuditTrail audit;
    @Autowired TransactionTemplate tx;

    CountingWriteOff action;
    JdbcApprovals approvals;

    @BeforeEach
    void setUp() {
        action = new CountingWriteOff();
        approvals = new JdbcApprovals(jdbc, clock, json, audit, List.of(action));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static void as(String user, Permission... permissions) {
        String[] names = java.util.Arrays.stream(permissions).map(Permission::authority).toArray(String[]::new);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user, null, AuthorityUtils.createAuthorityList(names)));
    }

    private <T> T inTx(java.util.function.Supplier<T> work) {
        return tx.execute(s -> work.get());
    }

    @Test
    void theActionRunsOnlyWhenAnotherPermittedPersonApproves() {
        as("requester1", Permission.STAFF_HOME);
        ApprovalRequest request = inTx(() -> approvals.request("test.write-off", new WriteOff("A-1", 1250), "customer hardship"));
        assertThat(request.status()).isEqualTo(ApprovalRequest.Status.PENDING);
        assertThat(request.summary()).isEqualTo("Write off 1250 cents on A-1");
        assertThat(action.runs).hasValue(0);

        as("requester1", Permission.STAFF_HOME, Permission.LEDGER_APPROVE_MANUAL);
        assertThatThrownBy(() -> inTx(() -> approvals.approve(request.id(), "ok")))
                .isInstanceOf(BusinessRuleViolation.class).hasMessageContaining("another person must decide");

        as("clerk2", Permission.STAFF_HOME);
        assertThatThrownBy(() -> inTx(() -> approvals.approve(request.id(), "ok"))).isInstanceOf(AccessDeniedException.class);
        assertThat(action.runs).hasValue(0);

        as("supervisor3", Permission.STAFF_HOME, Permission.LEDGER_APPROVE_MANUAL);
        assertThat(approvals.inboxForCurrentUser()).extracting(ApprovalRequest::id).contains(request.id());
        ApprovalRequest approved = inTx(() -> approvals.approve(request.id(), "checked the file"));
        assertThat(approved.status()).isEqualTo(ApprovalRequest.Status.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("supervisor3");
        assertThat(action.runs).hasValue(1);

        assertThatThrownBy(() -> inTx(() -> approvals.approve(request.id(), "again"))).isInstanceOf(Conflict.class);
        assertThat(action.runs).hasValue(1);
        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'approval_request' and record_id = ?")
                .param(String.valueOf(request.id())).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anActionThatFailsOnApprovalLeavesTheRequestPending() {
        as("requester4", Permission.STAFF_HOME);
        ApprovalRequest request = inTx(() -> approvals.request("test.write-off", new WriteOff("A-2", -5), "typo"));
        as("supervisor5", Permission.STAFF_HOME, Permission.LEDGER_APPROVE_MANUAL);
        assertThatThrownBy(() -> inTx(() -> approvals.approve(request.id(), "ok")))
                .isInstanceOf(BusinessRuleViolation.class).hasMessageContaining("cannot be negative");
        assertThat(approvals.find(request.id()).status()).isEqualTo(ApprovalRequest.Status.PENDING);
    }

    @Test
    void aDenialNeedsAReasonAndARequestNeedsOne() {
        as("requester6", Permission.STAFF_HOME);
        assertThatThrownBy(() -> inTx(() -> approvals.request("test.write-off", new WriteOff("A-3", 5), " ")))
                .isInstanceOf(BusinessRuleViolation.class)
                .satisfies(e -> assertThat(((BusinessRuleViolation) e).problems().get(0).field()).isEqualTo("reason"));
        ApprovalRequest request = inTx(() -> approvals.request("test.write-off", new WriteOff("A-3", 5), "dup bill"));
        as("supervisor7", Permission.STAFF_HOME, Permission.LEDGER_APPROVE_MANUAL);
        assertThatThrownBy(() -> inTx(() -> approvals.deny(request.id(), ""))).isInstanceOf(BusinessRuleViolation.class);
        assertThat(inTx(() -> approvals.deny(request.id(), "not a duplicate")).status()).isEqualTo(ApprovalRequest.Status.DENIED);
        assertThat(action.runs).hasValue(0);
    }

    @Test
    void theDatabaseItselfRefusesARequesterDecidingTheirOwnRequest() {
        as("requester8", Permission.STAFF_HOME);
        ApprovalRequest request = inTx(() -> approvals.request("test.write-off", new WriteOff("A-4", 5), "why"));
        assertThatThrownBy(() -> jdbc.sql("update approval_request set status = 'APPROVED', decided_by = requested_by, decided_at = now() where id = ?")
                .param(request.id()).update())
                .hasMessageContaining("approval_not_by_requester");
    }
}

package org.civicdesk.billing.internal.adjust;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.internal.document.BillingAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Billing adjustments over the API: 201 when posted, 202 when waiting for a second person's approval. */
@RestController
@Tag(name = "Billing adjustments")
class AdjustmentsApiController {

    /** The body of POST /api/v1/adjustments; requestKey may come as the Idempotency-Key header instead. */
    record NewAdjustment(String requestKey, String accountNumber, Long billId, String serviceType, String fund,
            BigDecimal amount, String reasonCode, String note) {
    }

    private final BillingAdjustments adjustments;
    private final BillingAccounts accounts;

    AdjustmentsApiController(BillingAdjustments adjustments, BillingAccounts accounts) {
        this.adjustments = adjustments;
        this.accounts = accounts;
    }

    @PostMapping(path = "/api/v1/adjustments", produces = "application/json")
    @PreAuthorize("hasAuthority('BILL_ADJUST')")
    @Operation(summary = "Adjust an account: amount positive = debit, negative = credit; above the limit it waits for approval")
    ResponseEntity<Map<String, Object>> create(@RequestBody NewAdjustment body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String key = body.requestKey() != null && !body.requestKey().isBlank() ? body.requestKey() : idempotencyKey;
        BillingAdjustments.Outcome outcome = adjustments.submit(new AdjustmentRequest(key, body.accountNumber(),
                body.billId(), body.serviceType(), body.fund(), body.amount(), body.reasonCode(), body.note(), null));
        Map<String, Object> answer = new LinkedHashMap<>();
        if (outcome instanceof BillingAdjustments.Outcome.Posted p) {
            answer.put("status", "POSTED");
            answer.put("adjustment", p.adjustment());
            return ResponseEntity.status(HttpStatus.CREATED).body(answer);
        }
        BillingAdjustments.Outcome.AwaitingApproval a = (BillingAdjustments.Outcome.AwaitingApproval) outcome;
        answer.put("status", "AWAITING_APPROVAL");
        answer.put("approvalRequestId", a.request().id());
        answer.put("approvalLimit", adjustments.approvalLimit());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    @GetMapping(path = "/api/v1/accounts/{accountNumber}/adjustments", produces = "application/json")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "An account's posted billing adjustments, newest first")
    List<BillingAdjustment> ofAccount(@PathVariable String accountNumber) {
        return adjustments.ofAccount(accounts.require(accountNumber, "accountNumber").id(), 100);
    }
}

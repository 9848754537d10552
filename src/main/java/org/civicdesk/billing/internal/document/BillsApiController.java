package org.civicdesk.billing.internal.document;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.civicdesk.billing.BillDetail;
import org.civicdesk.billing.BillSummary;
import org.civicdesk.billing.Bills;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bills over the API: an account's bills, one bill with its services and lines, its PDF. */
@RestController
@Tag(name = "Bills")
class BillsApiController {

    private final Bills bills;
    private final BillDocuments documents;
    private final BillingAccounts accounts;

    BillsApiController(Bills bills, BillDocuments documents, BillingAccounts accounts) {
        this.bills = bills;
        this.documents = documents;
        this.accounts = accounts;
    }

    @GetMapping(path = "/api/v1/accounts/{accountNumber}/bills", produces = "application/json")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "An account's bills, newest first, with status (ISSUED, CANCELLED, REBILLED) and rebill links")
    List<BillSummary> ofAccount(@PathVariable String accountNumber, @RequestParam(defaultValue = "24") int limit) {
        accounts.require(accountNumber, "accountNumber");
        return bills.ofAccount(accountNumber, Math.max(1, Math.min(limit, 240)));
    }

    @GetMapping(path = "/api/v1/bills/{id}", produces = "application/json")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "One bill with its services, reads, lines and taxes")
    BillDetail bill(@PathVariable long id) {
        return bills.bill(id);
    }

    @GetMapping(path = "/api/v1/bills/{id}/pdf", produces = "application/pdf")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "The bill's PDF in the account's language")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        return BillPagesController.pdfResponse(id, documents.pdf(id));
    }
}

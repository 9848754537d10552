package org.civicdesk.customer.internal.casework;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.civicdesk.customer.CasePriority;
import org.civicdesk.customer.CaseStatus;
import org.civicdesk.customer.CaseType;
import org.civicdesk.customer.Cases;
import org.civicdesk.customer.Contacts;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.annotation.Transactional;

/** REST API for contacts and cases. Refusals are RFC 9457 problems (422 naming each field, 404). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Contacts and cases", description = "Contact history and customer cases of an account")
class CaseworkApiController {

    record ContactBody(Contacts.Channel channel, Contacts.Direction direction, String reason, String notes,
            Long verificationId) {
    }

    record CaseBody(CaseType type, CasePriority priority, String subject, String description, String owner,
            BigDecimal disputedAmount) {
    }

    record CasePatch(CaseStatus status, String resolution, String owner, String note) {
    }

    private final Contacts contacts;
    private final Cases cases;
    private final AccountRecords accounts;

    CaseworkApiController(Contacts contacts, Cases cases, AccountRecords accounts) {
        this.contacts = contacts;
        this.cases = cases;
        this.accounts = accounts;
    }

    @GetMapping("/accounts/{accountNumber}/contacts")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "Contacts of an account, newest first")
    List<Contacts.Contact> contacts(@PathVariable String accountNumber,
            @RequestParam(defaultValue = "50") int limit) {
        return contacts.recentForAccount(accounts.requireNumber(accountNumber).id(), limit);
    }

    @PostMapping("/accounts/{accountNumber}/contacts")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    @Operation(summary = "Log a contact on an account")
    ResponseEntity<Contacts.Contact> logContact(@PathVariable String accountNumber, @RequestBody ContactBody body) {
        Contacts.Contact c = contacts.log(accounts.requireNumber(accountNumber).id(), new Contacts.NewContact(
                body.channel(), body.direction(), body.reason(), body.notes(), body.verificationId()));
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + accountNumber + "/contacts")).body(c);
    }

    @GetMapping("/accounts/{accountNumber}/cases")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "Cases of an account, newest first")
    List<Cases.Case> cases(@PathVariable String accountNumber) {
        return cases.forAccount(accounts.requireNumber(accountNumber).id());
    }

    @PostMapping("/accounts/{accountNumber}/cases")
    @PreAuthorize("hasAuthority('CASE_MANAGE')")
    @Operation(summary = "Open a case on an account",
            description = "The due date follows from the type in business days; a billing dispute needs a positive disputedAmount.")
    ResponseEntity<Cases.Case> openCase(@PathVariable String accountNumber, @RequestBody CaseBody body) {
        Money disputed;
        try {
            disputed = body.disputedAmount() == null ? null : Money.of(body.disputedAmount());
        } catch (IllegalArgumentException e) {
            throw new BusinessRuleViolation("case.invalid", "disputedAmount", "Give the amount in dollars and cents");
        }
        Cases.Case k = cases.open(accounts.requireNumber(accountNumber).id(), new Cases.NewCase(body.type(),
                body.priority(), body.subject(), body.description(), body.owner(), disputed));
        return ResponseEntity.created(URI.create("/api/v1/cases/" + k.id())).body(k);
    }

    @GetMapping("/cases/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "A case")
    Cases.Case kase(@PathVariable long id) {
        return cases.find(id);
    }

    @GetMapping("/cases/{id}/notes")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "Notes of a case, oldest first")
    List<Cases.CaseNote> notes(@PathVariable long id) {
        cases.find(id);
        return cases.notes(id);
    }

    @PatchMapping("/cases/{id}")
    @PreAuthorize("hasAuthority('CASE_MANAGE')")
    @Operation(summary = "Change a case",
            description = "status (with resolution to resolve), owner, and/or a note to add; each part is its own audited change.")
    @Transactional
    Cases.Case change(@PathVariable long id, @RequestBody CasePatch patch) {
        if (patch.note() != null) {
            cases.addNote(id, patch.note());
        }
        if (patch.owner() != null) {
            cases.reassign(id, patch.owner());
        }
        if (patch.status() != null) {
            cases.changeStatus(id, patch.status(), patch.resolution());
        }
        return cases.find(id);
    }
}

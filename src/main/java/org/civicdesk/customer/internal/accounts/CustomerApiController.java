package org.civicdesk.customer.internal.accounts;

import java.util.List;
import java.util.Map;
import org.civicdesk.customer.AccountChange;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.Agreement;
import org.civicdesk.customer.CallerVerification;
import org.civicdesk.customer.CustomerDetails;
import org.civicdesk.customer.Customers;
import org.civicdesk.customer.NewCustomer;
import org.civicdesk.customer.NewPremise;
import org.civicdesk.customer.PremiseDetails;
import org.civicdesk.customer.Premises;
import org.civicdesk.customer.ServiceLifecycle;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST API for customers, premises, accounts, agreements and start, stop and transfer of service. */
@RestController
@RequestMapping("/api/v1")
class CustomerApiController {

    private final Customers customers;
    private final Premises premises;
    private final Accounts accounts;
    private final ServiceLifecycle lifecycle;
    private final AccountBalances balances;

    CustomerApiController(Customers customers, Premises premises, Accounts accounts, ServiceLifecycle lifecycle,
            AccountBalances balances) {
        this.customers = customers;
        this.premises = premises;
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.balances = balances;
    }

    /** The account number in a path or body, or a 422 naming the field. */
    static AccountNumber accountNumber(String typed, String field) {
        String value = typed == null ? null : typed.replaceAll("[\\s-]", "");
        var problem = AccountNumber.problem(value);
        if (problem.isPresent()) {
            throw new BusinessRuleViolation("account.invalid-number", field, problem.get());
        }
        return new AccountNumber(value);
    }

    @PostMapping("/customers")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    CustomerDetails createCustomer(@RequestBody NewCustomer customer) {
        return customers.create(customer);
    }

    @GetMapping("/customers/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    CustomerDetails customer(@PathVariable long id) {
        return customers.customer(id);
    }

    @PostMapping("/customers/{id}/reveal")
    @PreAuthorize("hasAuthority('PII_REVEAL')")
    Map<String, String> reveal(@PathVariable long id, @RequestParam String field) {
        return Map.of("field", field, "value", customers.reveal(id, field));
    }

    @PostMapping("/premises")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    PremiseDetails createPremise(@RequestBody NewPremise premise) {
        return premises.create(premise);
    }

    @GetMapping("/premises")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    List<PremiseDetails> findPremises(@RequestParam String address, @RequestParam(defaultValue = "10") int limit) {
        return premises.find(address, limit);
    }

    @GetMapping("/premises/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    PremiseDetails premise(@PathVariable long id) {
        return premises.premise(id);
    }

    /** An owner, landlord or property manager of a premise. */
    record OwnerRequest(Long customerId, String role, java.time.LocalDate since) {
    }

    @PostMapping("/premises/{id}/owners")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    PremiseDetails recordOwner(@PathVariable long id, @RequestBody OwnerRequest owner) {
        if (owner.customerId() == null) {
            throw new BusinessRuleViolation("premise.owner-customer", "customerId", "Name the owner's customer id");
        }
        return premises.recordOwner(id, owner.customerId(), owner.role(), owner.since());
    }

    /** An account with its balance. */
    record AccountResponse(AccountDetails account, AccountBalances.Summary balance) {
    }

    @GetMapping("/accounts/{number}")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    AccountResponse account(@PathVariable String number) {
        AccountNumber n = accountNumber(number, "accountNumber");
        return new AccountResponse(accounts.account(n), balances.of(n));
    }

    @PatchMapping("/accounts/{number}")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    AccountDetails change(@PathVariable String number, @RequestBody AccountChange change) {
        return accounts.change(accountNumber(number, "accountNumber"), change);
    }

    @GetMapping("/accounts/{number}/agreements")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    List<Agreement> agreements(@PathVariable String number) {
        return accounts.agreements(accountNumber(number, "accountNumber"));
    }

    @GetMapping("/accounts/{number}/history")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    List<Accounts.HistoryEntry> history(@PathVariable String number) {
        return accounts.history(accountNumber(number, "accountNumber"), 200);
    }

    /** How a caller was verified. */
    record VerificationRequest(String channel, String method, Long documentId, String callerName, String note) {
    }

    @PostMapping("/accounts/{number}/verifications")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    CallerVerification verify(@PathVariable String number, @RequestBody VerificationRequest v) {
        return accounts.verifyCaller(accountNumber(number, "accountNumber"), v.channel(), v.method(), v.documentId(),
                v.callerName(), v.note());
    }

    @PostMapping("/service-starts")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SERVICE_START_STOP')")
    ServiceLifecycle.StartResult start(@RequestBody ServiceLifecycle.StartService request) {
        if (request.accountNumber() != null && !request.accountNumber().isBlank()) {
            accountNumber(request.accountNumber(), "accountNumber");
        }
        return lifecycle.start(request);
    }

    @PostMapping("/accounts/{number}/stop")
    @PreAuthorize("hasAuthority('SERVICE_START_STOP')")
    ServiceLifecycle.StopResult stop(@PathVariable String number, @RequestBody ServiceLifecycle.StopService request) {
        return lifecycle.stop(accountNumber(number, "accountNumber"), request);
    }

    @PostMapping("/service-transfers")
    @PreAuthorize("hasAuthority('SERVICE_START_STOP')")
    ServiceLifecycle.StartResult transfer(@RequestBody ServiceLifecycle.TransferService request) {
        accountNumber(request.accountNumber(), "accountNumber");
        return lifecycle.transfer(request);
    }
}

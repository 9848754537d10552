package org.civicdesk.customer.internal.accounts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.civicdesk.customer.AccountChange;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.AccountScreenSection;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.Address;
import org.civicdesk.customer.Customers;
import org.civicdesk.customer.IdentityDocumentInput;
import org.civicdesk.customer.NewCustomer;
import org.civicdesk.customer.Phone;
import org.civicdesk.customer.Premises;
import org.civicdesk.customer.ServiceLifecycle;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account screen (Control Central), customer and premise pages, and the start, stop, transfer and change forms. */
@Controller
class AccountPagesController {

    /** What may be said to a caller who has not been verified. */
    static final List<String> UNVERIFIED_MAY_HEAR = List.of(
            "Where and when to pay: the payment address, office hours and the ways to pay",
            "General rates, fees and deposit rules as published",
            "How to start, stop or transfer service and what documents to bring",
            "That an account exists, only when the caller gives both its number and its service address",
            "Never: balances, payments, bills, personal identifiers, contact details or who lives there");

    static final List<String> SERVICES = List.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE", "IRRIGATION", "HYDRANT");

    private final Customers customers;
    private final Premises premises;
    private final Accounts accounts;
    private final ServiceLifecycle lifecycle;
    private final AccountBalances balances;
    private final ObjectProvider<AccountScreenSection> sections;
    private final Clock clock;

    AccountPagesController(Customers customers, Premises premises, Accounts accounts, ServiceLifecycle lifecycle,
            AccountBalances balances, ObjectProvider<AccountScreenSection> sections, Clock clock) {
        this.customers = customers;
        this.premises = premises;
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.balances = balances;
        this.sections = sections;
        this.clock = clock;
    }

    private static AccountNumber number(String typed) {
        return CustomerApiController.accountNumber(typed, "accountNumber");
    }

    // ---- account screen

    @GetMapping("/accounts/{number}")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    String account(@PathVariable String number, Model model) {
        AccountNumber n = number(number);
        AccountDetails account = accounts.account(n);
        model.addAttribute("account", account);
        model.addAttribute("customer", customers.customer(account.customerId()));
        model.addAttribute("balance", balances.of(n));
        model.addAttribute("verification", accounts.currentVerification(n, CurrentStaff.username().orElse("")).orElse(null));
        model.addAttribute("unverifiedMayHear", UNVERIFIED_MAY_HEAR);
        model.addAttribute("history", accounts.history(n, 50));
        List<AccountScreenSection> ordered = new ArrayList<>(sections.orderedStream().toList());
        ordered.sort(Comparator.comparingInt(AccountScreenSection::order));
        model.addAttribute("sections", ordered);
        return "customer/account";
    }

    @GetMapping("/customers/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    String customer(@PathVariable long id, Model model) {
        model.addAttribute("customer", customers.customer(id));
        return "customer/customer";
    }

    @PostMapping("/customers/{id}/reveal")
    @PreAuthorize("hasAuthority('PII_REVEAL')")
    String reveal(@PathVariable long id, @RequestParam String field, Model model) {
        model.addAttribute("value", customers.reveal(id, field));
        return "customer/fragments :: revealed";
    }

    @GetMapping("/premises/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    String premise(@PathVariable long id, Model model) {
        model.addAttribute("premise", premises.premise(id));
        return "customer/premise";
    }

    // ---- start

    /** The start-of-service form. */
    public static class StartForm {
        private Long customerId;
        private String kind = "PERSON";
        private String firstName;
        private String lastName;
        private String businessName;
        private String preferredLanguage = "en";
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate dateOfBirth;
        private String taxId;
        private String phone;
        private String email;
        private String docType;
        private String docNumber;
        private String docIssuer;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate docExpiresOn;
        private Long documentIdChecked;
        private String accountNumber;
        private Long premiseId;
        private String premiseQuery;
        private List<String> services = new ArrayList<>();
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate startDate;
        private String occupancyDocType;
        private String occupancyReference;
        private String mailingLine1;
        private String mailingCity;
        private String mailingState = "AZ";
        private String mailingZip;
        private Integer billDueDay;
        private boolean paperless;
        private String debtDecision;

        public Long getCustomerId() { return customerId; }
        public void setCustomerId(Long v) { customerId = v; }
        public String getKind() { return kind; }
        public void setKind(String v) { kind = v; }
        public String getFirstName() { return firstName; }
        public void setFirstName(String v) { firstName = v; }
        public String getLastName() { return lastName; }
        public void setLastName(String v) { lastName = v; }
        public String getBusinessName() { return businessName; }
        public void setBusinessName(String v) { businessName = v; }
        public String getPreferredLanguage() { return preferredLanguage; }
        public void setPreferredLanguage(String v) { preferredLanguage = v; }
        public LocalDate getDateOfBirth() { return dateOfBirth; }
        public void setDateOfBirth(LocalDate v) { dateOfBirth = v; }
        public String getTaxId() { return taxId; }
        public void setTaxId(String v) { taxId = v; }
        public String getPhone() { return phone; }
        public void setPhone(String v) { phone = v; }
        public String getEmail() { return email; }
        public void setEmail(String v) { email = v; }
        public String getDocType() { return docType; }
        public void setDocType(String v) { docType = v; }
        public String getDocNumber() { return docNumber; }
        public void setDocNumber(String v) { docNumber = v; }
        public String getDocIssuer() { return docIssuer; }
        public void setDocIssuer(String v) { docIssuer = v; }
        public LocalDate getDocExpiresOn() { return docExpiresOn; }
        public void setDocExpiresOn(LocalDate v) { docExpiresOn = v; }
        public Long getDocumentIdChecked() { return documentIdChecked; }
        public void setDocumentIdChecked(Long v) { documentIdChecked = v; }
        public String getAccountNumber() { return accountNumber; }
        public void setAccountNumber(String v) { accountNumber = v; }
        public Long getPremiseId() { return premiseId; }
        public void setPremiseId(Long v) { premiseId = v; }
        public String getPremiseQuery() { return premiseQuery; }
        public void setPremiseQuery(String v) { premiseQuery = v; }
        public List<String> getServices() { return services; }
        public void setServices(List<String> v) { services = v == null ? new ArrayList<>() : v; }
        public LocalDate getStartDate() { return startDate; }
        public void setStartDate(LocalDate v) { startDate = v; }
        public String getOccupancyDocType() { return occupancyDocType; }
        public void setOccupancyDocType(String v) { occupancyDocType = v; }
        public String getOccupancyReference() { return occupancyReference; }
        public void setOccupancyReference(String v) { occupancyReference = v; }
        public String getMailingLine1() { return mailingLine1; }
        public void setMailingLine1(String v) { mailingLine1 = v; }
        public String getMailingCity() { return mailingCity; }
        public void setMailingCity(String v) { mailingCity = v; }
        public String getMailingState() { return mailingState; }
        public void setMailingState(String v) { mailingState = v; }
        public String getMailingZip() { return mailingZip; }
        public void setMailingZip(String v) { mailingZip = v; }
        public Integer getBillDueDay() { return billDueDay; }
        public void setBillDueDay(Integer v) { billDueDay = v; }
        public boolean isPaperless() { return paperless; }
        public void setPaperless(boolean v) { paperless = v; }
        public String getDebtDecision() { return debtDecision; }
        public void setDebtDecision(String v) { debtDecision = v; }

        ServiceLifecycle.StartService toRequest() {
            NewCustomer newCustomer = null;
            if (customerId == null) {
                Address mailing = blank(mailingLine1) ? null : new Address(mailingLine1, null, mailingCity, mailingState, mailingZip);
                newCustomer = new NewCustomer(kind, firstName, lastName, businessName, preferredLanguage, dateOfBirth, taxId,
                        mailing, blank(phone) ? List.of() : List.of(new Phone("MOBILE", phone)),
                        blank(email) ? List.of() : List.of(email),
                        blank(docType) && blank(docNumber) ? List.of()
                                : List.of(new IdentityDocumentInput(docType, docNumber, docIssuer, docExpiresOn)));
            }
            Address accountMailing = customerId != null && !blank(mailingLine1)
                    ? new Address(mailingLine1, null, mailingCity, mailingState, mailingZip) : null;
            return new ServiceLifecycle.StartService(customerId, newCustomer, blank(accountNumber) ? null : accountNumber,
                    premiseId, services, startDate,
                    documentIdChecked == null ? List.of() : List.of(documentIdChecked), occupancyDocType,
                    occupancyReference, accountMailing, billDueDay, paperless,
                    blank(debtDecision) ? null : ServiceLifecycle.DebtDecision.valueOf(debtDecision));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private String startPage(StartForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("allServices", SERVICES);
        if (form.getCustomerId() != null) {
            model.addAttribute("existingCustomer", customers.customer(form.getCustomerId()));
        }
        if (form.getPremiseId() != null && form.getPremiseId() > 0) {
            try {
                model.addAttribute("premise", premises.premise(form.getPremiseId()));
            } catch (org.civicdesk.platform.RecordNotFound e) {
                model.addAttribute("premise", null);
            }
        }
        model.addAttribute("premiseMatches", blank(form.getPremiseQuery()) ? List.of() : premises.find(form.getPremiseQuery(), 10));
        return "customer/start";
    }

    @GetMapping("/service/start")
    @PreAuthorize("hasAuthority('SERVICE_START_STOP')")
    String startForm(@ModelAttribute("form") StartForm form, Model model) {
        if (form.getStartDate() == null) {
            form.setStartDate(LocalDate.now(clock));
        }
        model.addAttribute("problems", List.of());
        return startPage(form, model);
    }

    @PostMapping("/service/start")
    @PreAuthorize("hasAuthority('SERVICE_START_STOP')")
    String start(@ModelAttribute("form") StartForm form, Model model, RedirectAttributes redirect) {
        try {
            ServiceLifecycle.StartResult result = lifecycle.start(form.toRequest());
            redirect.addFlashAttribute("flash", "Service started on account " + result.accountNumber() + ".");
            return "redirect:/accounts/" + result.accountNumber();
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("debtWarning", e.problems().stream().anyMatch(p -> p.field().equals("debtDecision")));
            return startPage(form, model);
        }
    }

    // ---- stop and transfer

    @GetMapping("/accounts/{number}/stop")
    @PreAuthorize("hasAuthority('SERVICE_START_STOP')")
    String stopForm(@PathVariable String number, Model model) {
        model.addAttribute("account", accounts.account(number(number)));
        model.addAttribute("stopDate", LocalDate.now(clock));
        model.addAttribute("problems", List.of());
        return "customer/stop";
    }

    @PostMapping("/accounts/{number}/stop")
    @PreAuthorize("hasAuthority('SERVICE_START_STOP')")
    String stop(@PathVariable String number,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate stopDate,
            @RequestParam(required = false) Long premiseId, @RequestParam(required = false) List<String> services,
            Model model, RedirectAttributes redirect) {
        AccountNumber n = number(number);
        try {
            ServiceLifecycle.StopResult r = lifecycle.stop(n, new ServiceLifecycle.StopService(stopDate, premiseId, services));
            redirect.addFlashAttribute("flash", r.stopped().size() + " service(s) stopped on " + stopDate
                    + (r.reverted().isEmpty() ? "" : "; " + r.reverted().size() + " reverted to the owner")
                    + (r.accountClosed() ? "; the account is closed." : "."));
            return "redirect:/accounts/" + n.value();
        } catch (BusinessRuleViolation e) {
            model.addAttribute("account", accounts.account(n));
            model.addAttribute("stopDate", stopDate);
            model.addAttribute("problems", e.problems());
            return "customer/stop";
        }
    }

    @GetMapping("/accounts/{number}/transfer")
    @PreAuthorize("hasAuthority('SERVICE_START_STOP')")
    String transferForm(@PathVariable String number, @RequestParam(required = false) String premiseQuery, Model model) {
        model.addAttribute("account", accounts.account(number(number)));
        model.addAttribute("stopDate", LocalDate.now(clock));
        model.addAttribute("premiseQuery", premiseQuery);
        model.addAttribute("premiseMatches", blank(premiseQuery) ? List.of() : premises.find(premiseQuery, 10));
        model.addAttribute("problems", List.of());
        return "customer/transfer";
    }

    @PostMapping("/accounts/{number}/transfer")
    @PreAuthorize("hasAuthority('SERVICE_START_STOP')")
    String transfer(@PathVariable String number, @RequestParam(required = false) Long fromPremiseId,
            @RequestParam(required = false) Long toPremiseId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate stopDate,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startDate,
            @RequestParam(required = false) String occupancyDocType, @RequestParam(required = false) String occupancyReference,
            Model model, RedirectAttributes redirect) {
        AccountNumber n = number(number);
        try {
            lifecycle.transfer(new ServiceLifecycle.TransferService(n.value(), fromPremiseId,
                    stopDate, toPremiseId, List.of(), startDate, occupancyDocType, occupancyReference));
            redirect.addFlashAttribute("flash", "Service transferred.");
            return "redirect:/accounts/" + n.value();
        } catch (BusinessRuleViolation e) {
            model.addAttribute("account", accounts.account(n));
            model.addAttribute("stopDate", stopDate);
            model.addAttribute("premiseMatches", List.of());
            model.addAttribute("problems", e.problems());
            return "customer/transfer";
        }
    }

    // ---- account changes

    /** A form about the account and its customer, with the problems of a refused attempt (or none). */
    private String accountAndCustomerForm(String view, AccountNumber n, List<BusinessRuleViolation.FieldProblem> problems,
            Model model) {
        AccountDetails a = accounts.account(n);
        model.addAttribute("account", a);
        model.addAttribute("customer", customers.customer(a.customerId()));
        model.addAttribute("problems", problems);
        return view;
    }

    @GetMapping("/accounts/{number}/edit")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String editForm(@PathVariable String number, Model model) {
        return accountAndCustomerForm("customer/edit", number(number), List.of(), model);
    }

    @PostMapping("/accounts/{number}/edit")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String edit(@PathVariable String number, @RequestParam(required = false) String line1,
            @RequestParam(required = false) String line2, @RequestParam(required = false) String city,
            @RequestParam(required = false) String state, @RequestParam(required = false) String zip,
            @RequestParam(required = false) Integer billDueDay, @RequestParam(defaultValue = "false") boolean paperless,
            @RequestParam(required = false) String language, @RequestParam(required = false) String phone,
            @RequestParam(required = false) String email, @RequestParam(defaultValue = "false") boolean receivesReversion,
            Model model, RedirectAttributes redirect) {
        AccountNumber n = number(number);
        try {
            accounts.change(n, new AccountChange(new Address(line1, line2, city, state, zip), billDueDay, paperless, language,
                    blank(phone) ? List.of() : List.of(new Phone("MOBILE", phone)), blank(email) ? List.of() : List.of(email),
                    receivesReversion));
            redirect.addFlashAttribute("flash", "Account " + n.value() + " changed.");
            return "redirect:/accounts/" + n.value();
        } catch (BusinessRuleViolation e) {
            return accountAndCustomerForm("customer/edit", n, e.problems(), model);
        }
    }

    @GetMapping("/accounts/{number}/verify")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String verifyForm(@PathVariable String number, Model model) {
        return accountAndCustomerForm("customer/verify", number(number), List.of(), model);
    }

    @PostMapping("/accounts/{number}/verify")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String verify(@PathVariable String number, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String method, @RequestParam(required = false) Long documentId,
            @RequestParam(required = false) String callerName, @RequestParam(required = false) String note,
            Model model, RedirectAttributes redirect) {
        AccountNumber n = number(number);
        try {
            accounts.verifyCaller(n, channel, method, documentId, callerName, note);
            redirect.addFlashAttribute("flash", "Caller verified.");
            return "redirect:/accounts/" + n.value();
        } catch (BusinessRuleViolation e) {
            return accountAndCustomerForm("customer/verify", n, e.problems(), model);
        }
    }

    @GetMapping("/accounts/{number}/alerts")
    @PreAuthorize("hasAuthority('ALERT_MANAGE')")
    String alertsForm(@PathVariable String number, Model model) {
        model.addAttribute("account", accounts.account(number(number)));
        model.addAttribute("problems", List.of());
        return "customer/alerts";
    }

    @PostMapping("/accounts/{number}/alerts")
    @PreAuthorize("hasAuthority('ALERT_MANAGE')")
    String addAlert(@PathVariable String number, @RequestParam(required = false) String type,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsOn,
            Model model, RedirectAttributes redirect) {
        AccountNumber n = number(number);
        try {
            accounts.addAlert(n, type, note, startsOn, endsOn);
            redirect.addFlashAttribute("flash", "Alert added.");
            return "redirect:/accounts/" + n.value() + "/alerts";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("account", accounts.account(n));
            model.addAttribute("problems", e.problems());
            return "customer/alerts";
        }
    }

    @PostMapping("/accounts/{number}/alerts/{alertId}/end")
    @PreAuthorize("hasAuthority('ALERT_MANAGE')")
    String endAlert(@PathVariable String number, @PathVariable long alertId, RedirectAttributes redirect) {
        AccountNumber n = number(number);
        accounts.endAlert(n, alertId);
        redirect.addFlashAttribute("flash", "Alert ended.");
        return "redirect:/accounts/" + n.value() + "/alerts";
    }

    @GetMapping("/accounts/{number}/authorized")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String authorizedForm(@PathVariable String number, Model model) {
        model.addAttribute("account", accounts.account(number(number)));
        model.addAttribute("problems", List.of());
        return "customer/authorized";
    }

    @PostMapping("/accounts/{number}/authorized")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String addAuthorized(@PathVariable String number, @RequestParam(required = false) String name,
            @RequestParam(required = false) String relationship, @RequestParam(required = false) String phone,
            Model model, RedirectAttributes redirect) {
        AccountNumber n = number(number);
        try {
            accounts.addAuthorizedPerson(n, name, relationship, phone);
            redirect.addFlashAttribute("flash", "Authorised person added.");
            return "redirect:/accounts/" + n.value() + "/authorized";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("account", accounts.account(n));
            model.addAttribute("problems", e.problems());
            return "customer/authorized";
        }
    }

    @PostMapping("/accounts/{number}/authorized/{personId}/remove")
    @PreAuthorize("hasAuthority('CUSTOMER_EDIT')")
    String removeAuthorized(@PathVariable String number, @PathVariable long personId, RedirectAttributes redirect) {
        AccountNumber n = number(number);
        accounts.removeAuthorizedPerson(n, personId);
        redirect.addFlashAttribute("flash", "Authorised person removed.");
        return "redirect:/accounts/" + n.value() + "/authorized";
    }
}

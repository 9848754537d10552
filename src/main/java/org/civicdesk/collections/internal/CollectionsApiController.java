package org.civicdesk.collections.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.collections.CollectionsRules;
import org.civicdesk.collections.Decision;
import org.civicdesk.collections.DepositRequirementPolicy.CreditCheck;
import org.civicdesk.collections.DisconnectEligibilityPolicy;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Collections over REST: an account's standing with every policy's answer and reasons, its deposit (require,
 * surety bond pending and received, credit check), arrangements, extensions, protections and write-off, and the
 * write-offs and agency batches of the city. Reads need COLLECTIONS_VIEW, changes COLLECTIONS_MANAGE. Refusals
 * are RFC 9457 problems: a policy's refusal is 422 with errors naming the field.
 */
@RestController
@RequestMapping("/api/v1/collections")
@Tag(name = "Collections", description = "Credit and collections: policies with reasons, deposits, arrangements, "
        + "extensions, protections, write-offs and agency referral batches")
class CollectionsApiController {

    /** Every policy's answer for an account today. */
    record Standing(String accountNumber, LocalDate today, Decision disconnect, List<String> disconnectableServices,
            Decision arrangementEligibility, Decision depositRequirement, Decision depositAmount, boolean heatDay,
            Deposits.Deposit deposit, WriteOffs.WriteOff writeOff, List<Map<String, Object>> lateFees) {
    }

    record DepositBody(Boolean letterOfGoodCredit, CreditCheck creditCheck, Boolean suretyBond, Integer installments) {
    }

    record BondBody(String bondReference) {
    }

    record ArrangementBody(Integer months) {
    }

    record ExtensionBody(Long billId, LocalDate newDueDate) {
    }

    record ProtectionBody(String kind, LocalDate startsOn, String note) {
    }

    private final CollectionsSection.CollectionsView view;
    private final AccountFacts facts;
    private final Deposits deposits;
    private final Arrangements arrangements;
    private final Extensions extensions;
    private final Protections protections;
    private final WriteOffs writeOffs;
    private final RulesBook rules;
    private final Clock clock;

    CollectionsApiController(CollectionsSection.CollectionsView view, AccountFacts facts, Deposits deposits,
            Arrangements arrangements, Extensions extensions, Protections protections, WriteOffs writeOffs, RulesBook rules,
            Clock clock) {
        this.view = view;
        this.facts = facts;
        this.deposits = deposits;
        this.arrangements = arrangements;
        this.extensions = extensions;
        this.protections = protections;
        this.writeOffs = writeOffs;
        this.rules = rules;
        this.clock = clock;
    }

    private AccountDetails account(String accountNumber) {
        return facts.account(number(accountNumber));
    }

    private static AccountNumber number(String accountNumber) {
        return AccountNumber.parse(accountNumber).orElseThrow(() -> new RecordNotFound("accountNumber", "No account " + accountNumber));
    }

    @GetMapping("/accounts/{accountNumber}")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    @Operation(summary = "An account's standing", description = "Every policy's answer today with its reasons: disconnection, "
            + "arrangement eligibility, deposit requirement and amount (no waivers entered); the deposit, the write-off, recent late fees.")
    @Transactional(readOnly = true)
    public Standing standing(@PathVariable String accountNumber) {
        AccountDetails a = account(accountNumber);
        CollectionsSection.Data d = view.of(a.id());
        Deposits.Assessment assessment = deposits.assess(number(accountNumber), Deposits.Waivers.NONE);
        DisconnectEligibilityPolicy.Answer disconnect = d.disconnect();
        return new Standing(a.accountNumber(), d.today(), disconnect.decision(), disconnect.services(), d.arrangementEligibility(),
                assessment.requirement(), assessment.amount(), d.heatDay(), d.deposit(), writeOffs.ofAccount(a.id()), d.lateFees());
    }

    @GetMapping("/accounts/{accountNumber}/deposit")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    @Operation(summary = "The account's deposit", description = "What was required, why and how computed, its installments, "
            + "what 2100 holds now, its events (credited, applied, top-up, bond received) and a surety bond; 404 without one.")
    public Deposits.Deposit deposit(@PathVariable String accountNumber) {
        Deposits.Deposit d = deposits.deposit(account(accountNumber).id());
        if (d == null) {
            throw new RecordNotFound("accountNumber", "Account " + accountNumber + " has no deposit");
        }
        return d;
    }

    @PostMapping("/accounts/{accountNumber}/deposit/assessment")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    @Operation(summary = "Assess a deposit with waivers", description = "The two deposit policies' answers for the waivers given; nothing is written.")
    public Deposits.Assessment assess(@PathVariable String accountNumber, @RequestBody DepositBody body) {
        return deposits.assess(number(accountNumber), waivers(body));
    }

    @PostMapping("/accounts/{accountNumber}/deposit")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    @Operation(summary = "Require the deposit", description = "Charges the deposit the policies decide in 1 to 3 installments. "
            + "422 with the policy's reasons when none is required; 409 when the account already has one.")
    public ResponseEntity<Deposits.Deposit> require(@PathVariable String accountNumber, @RequestBody DepositBody body) {
        Deposits.Deposit d = deposits.require(number(accountNumber), waivers(body), body.installments() == null ? 1 : body.installments());
        return ResponseEntity.created(URI.create("/api/v1/collections/accounts/" + accountNumber + "/deposit")).body(d);
    }

    @PostMapping("/accounts/{accountNumber}/deposit/surety-bond-pending")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    @Operation(summary = "Commercial deposit with a surety bond pending", description = "One month in cash now; the bond or the rest "
            + "due within 10 business days (the daily review charges the rest after that).")
    public ResponseEntity<Deposits.Deposit> bondPending(@PathVariable String accountNumber) {
        Deposits.Deposit d = deposits.requireWithBondPending(number(accountNumber));
        return ResponseEntity.created(URI.create("/api/v1/collections/accounts/" + accountNumber + "/deposit")).body(d);
    }

    @PostMapping("/accounts/{accountNumber}/deposit/surety-bond-received")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    @Operation(summary = "The pending surety bond arrived", description = "The cash month is credited back to the account.")
    public Deposits.Deposit bondReceived(@PathVariable String accountNumber, @RequestBody BondBody body) {
        return deposits.bondReceived(number(accountNumber), body == null ? null : body.bondReference());
    }

    @PostMapping("/accounts/{accountNumber}/credit-check")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    @Operation(summary = "Ask the credit-check provider", description = "The configured provider's answer (the demo provider when "
            + "none is configured), kept with the account; use its result as creditCheck when assessing or requiring the deposit.")
    public Deposits.CreditCheckRun creditCheck(@PathVariable String accountNumber) {
        return deposits.runCreditCheck(number(accountNumber));
    }

    @GetMapping("/accounts/{accountNumber}/arrangements")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    @Operation(summary = "The account's payment arrangements, newest first")
    public List<Arrangements.Arrangement> arrangements(@PathVariable String accountNumber) {
        return arrangements.ofAccount(account(accountNumber).id());
    }

    @PostMapping("/accounts/{accountNumber}/arrangements")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    @Operation(summary = "Make a payment arrangement", description = "201 with the arrangement; an ineligible account or a bad "
            + "number of months is refused with 422, the policy's reasons as errors naming the field months; nothing is written.")
    public ResponseEntity<Arrangements.Arrangement> arrange(@PathVariable String accountNumber, @RequestBody ArrangementBody body) {
        Arrangements.Arrangement a = arrangements.create(number(accountNumber), body == null ? null : body.months());
        return ResponseEntity.created(URI.create("/api/v1/collections/accounts/" + accountNumber + "/arrangements")).body(a);
    }

    @GetMapping("/accounts/{accountNumber}/extensions")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    @Operation(summary = "The account's due-date extensions")
    public List<Extensions.Extension> extensions(@PathVariable String accountNumber) {
        return extensions.ofAccount(account(accountNumber).id());
    }

    @PostMapping("/accounts/{accountNumber}/extensions")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    @Operation(summary = "Extend one bill's due date", description = "422 past the limit or for a bill already extended.")
    public ResponseEntity<Extensions.Extension> extend(@PathVariable String accountNumber, @RequestBody ExtensionBody body) {
        if (body == null) {
            throw new BusinessRuleViolation("collections.extension-bill", "billId", "Choose the bill to extend");
        }
        Extensions.Extension x = extensions.extend(number(accountNumber), body.billId(), body.newDueDate());
        return ResponseEntity.created(URI.create("/api/v1/collections/accounts/" + accountNumber + "/extensions")).body(x);
    }

    @GetMapping("/accounts/{accountNumber}/protections")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    @Operation(summary = "The account's protections (medical certificates, bankruptcy)")
    public List<Protections.Protection> protections(@PathVariable String accountNumber) {
        return protections.ofAccount(account(accountNumber).id());
    }

    @PostMapping("/accounts/{accountNumber}/protections")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    @Operation(summary = "Record a protection", description = "kind MEDICAL_CERTIFICATE or BANKRUPTCY. Bankruptcy stops collection: "
            + "no disconnection, no late fee, and a write-off is not referred to an agency.")
    public ResponseEntity<Protections.Protection> protect(@PathVariable String accountNumber, @RequestBody ProtectionBody body) {
        Protections.Protection p = protections.add(number(accountNumber), body == null ? null : body.kind(),
                body == null ? null : body.startsOn(), body == null ? null : body.note());
        return ResponseEntity.created(URI.create("/api/v1/collections/accounts/" + accountNumber + "/protections")).body(p);
    }

    @PostMapping("/accounts/{accountNumber}/protections/{id}/end")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    @Operation(summary = "End a protection from today")
    public List<Protections.Protection> endProtection(@PathVariable String accountNumber, @PathVariable long id) {
        protections.end(number(accountNumber), id);
        return protections.ofAccount(account(accountNumber).id());
    }

    @GetMapping("/accounts/{accountNumber}/write-off")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    @Operation(summary = "The account's write-off", description = "Amount, date, by fund, whether referred, recovered so far; 404 without one.")
    public WriteOffs.WriteOff writeOff(@PathVariable String accountNumber) {
        WriteOffs.WriteOff w = writeOffs.ofAccount(account(accountNumber).id());
        if (w == null) {
            throw new RecordNotFound("accountNumber", "Account " + accountNumber + " was not written off");
        }
        return w;
    }

    @GetMapping("/write-offs")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    @Operation(summary = "Recent write-offs, newest first")
    public List<WriteOffs.WriteOff> writeOffs(@RequestParam(defaultValue = "100") int limit) {
        return writeOffs.recent(Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/agency-batches")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    @Operation(summary = "Agency referral batches, newest first")
    public List<WriteOffs.AgencyBatch> batches(@RequestParam(defaultValue = "100") int limit) {
        return writeOffs.batches(Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping(value = "/agency-batches/{id}/file", produces = "text/csv")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    @Operation(summary = "A batch's agency file (CSV)", description = "Columns: batch_id, batch_date, account_number, customer_name, "
            + "mailing_address, final_bill_id, final_bill_due_date, written_off_on, amount. The same bytes on every export.")
    public ResponseEntity<String> file(@PathVariable long id) {
        String csv = writeOffs.agencyFile(id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"agency-batch-" + id + ".csv\"").body(csv);
    }

    @GetMapping("/rules")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    @Operation(summary = "The collections rules in force today")
    public CollectionsRules rulesToday() {
        return rules.on(LocalDate.now(clock));
    }

    private static Deposits.Waivers waivers(DepositBody body) {
        if (body == null) {
            return Deposits.Waivers.NONE;
        }
        return new Deposits.Waivers(Boolean.TRUE.equals(body.letterOfGoodCredit()),
                body.creditCheck() == null ? CreditCheck.NOT_RUN : body.creditCheck(), Boolean.TRUE.equals(body.suretyBond()));
    }
}

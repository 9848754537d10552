package org.civicdesk.cashiering.internal.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.cashiering.internal.drawers.DailyCashReports;
import org.civicdesk.cashiering.internal.drawers.DrawerCount;
import org.civicdesk.cashiering.internal.drawers.Drawers;
import org.civicdesk.cashiering.internal.payments.PaymentBook;
import org.civicdesk.cashiering.internal.payments.PaymentViews;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Money;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Payments, drawers and the Daily Cash Report over REST. Refusals are RFC 9457 problems. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Cashiering", description = "Payments, drawers (tender controls), deposits and the Daily Cash Report")
class CashieringApiController {

    record TenderBody(TenderType type, BigDecimal amount, String checkNumber, String cardToken, String cardBrand,
            String cardLast4) {
    }

    record AllocationBody(String receivableType, String reference, BigDecimal amount) {
    }

    record PaymentBody(TenderSource source, Long tenderControlId, LocalDate businessDate, List<TenderBody> tenders,
            List<AllocationBody> allocations, String payerName, String externalReference) {
    }

    record OpenDrawerBody(BigDecimal openingFloat) {
    }

    record CheckBody(String number, BigDecimal amount) {
    }

    record CloseBody(Map<String, Integer> pieces, BigDecimal rolledCoin, List<CheckBody> checks, BigDecimal cardBatchTotal,
            String note) {
    }

    record DepositBody(List<Long> drawerIds, String bankReference) {
    }

    private final ApiPayments payments;
    private final PaymentViews views;
    private final Drawers drawers;
    private final DailyCashReports reports;
    private final java.time.Clock clock;

    CashieringApiController(ApiPayments payments, PaymentViews views, Drawers drawers, DailyCashReports reports,
            java.time.Clock clock) {
        this.payments = payments;
        this.views = views;
        this.drawers = drawers;
        this.reports = reports;
        this.clock = clock;
    }

    @PostMapping("/payments")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    @Operation(summary = "Post a payment", description = "Idempotency-Key header required. New: 201. The same key and body "
            + "again: 200 with the original payment. The same key with another body: 422. A request with the key still "
            + "in flight: 409.")
    ResponseEntity<PaymentViews.PaymentView> post(@RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody PaymentBody body) {
        if (key == null || key.isBlank() || key.length() > 180) {
            throw new BusinessRuleViolation("payment.idempotency-key-required", "Idempotency-Key",
                    "Send an Idempotency-Key header (at most 180 characters), one per payment, so a retry never posts twice");
        }
        NewPayment payment = toPayment(key.trim(), body);
        PaymentBook.validateShape(payment, "");
        ApiPayments.Answer answer = payments.post(key.trim(), payment, PaymentBook.contentHash(payment),
                CurrentStaff.username().orElse("?"));
        return answer.created()
                ? ResponseEntity.created(URI.create("/api/v1/payments/" + answer.view().id())).body(answer.view())
                : ResponseEntity.ok(answer.view());
    }

    private static NewPayment toPayment(String key, PaymentBody body) {
        if (body == null) {
            throw new BusinessRuleViolation("payment.invalid", "body", "Send the payment as JSON");
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<NewPayment.Tender> tenders = new ArrayList<>();
        List<TenderBody> tb = body.tenders() == null ? List.of() : body.tenders();
        for (int i = 0; i < tb.size(); i++) {
            TenderBody t = tb.get(i);
            Money amount = money(t == null ? null : t.amount(), "tenders[" + i + "].amount", problems);
            if (t != null) {
                tenders.add(new NewPayment.Tender(t.type(), amount, t.checkNumber(), t.cardToken(), t.cardBrand(), t.cardLast4()));
            }
        }
        List<NewPayment.Allocation> allocations = new ArrayList<>();
        List<AllocationBody> ab = body.allocations() == null ? List.of() : body.allocations();
        for (int i = 0; i < ab.size(); i++) {
            AllocationBody a = ab.get(i);
            Money amount = money(a == null ? null : a.amount(), "allocations[" + i + "].amount", problems);
            if (a != null) {
                allocations.add(new NewPayment.Allocation(a.receivableType() == null || a.reference() == null ? null
                        : new PaymentTarget(a.receivableType(), a.reference()), amount));
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("payment.invalid", problems.get(0).reason(), problems);
        }
        return new NewPayment(key, body.source() == null ? TenderSource.DRAWER : body.source(), body.tenderControlId(),
                body.businessDate(), tenders, allocations, body.payerName(), body.externalReference());
    }

    private static Money money(BigDecimal amount, String field, List<FieldProblem> problems) {
        if (amount == null || amount.stripTrailingZeros().scale() > Money.SCALE) {
            problems.add(new FieldProblem(field, "Give an amount in dollars and cents, e.g. 72.40"));
            return null;
        }
        return Money.of(amount);
    }

    @GetMapping("/payments/{id}")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "One payment with its tenders, allocations and any void, reversal or return")
    PaymentViews.PaymentView payment(@PathVariable long id) {
        return views.payment(id);
    }

    @GetMapping("/drawers")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    @Operation(summary = "The drawers of a business day (default today)")
    List<Drawers.Drawer> drawers(@RequestParam(required = false) LocalDate date) {
        return drawers.onDate(date == null ? LocalDate.now(clock) : date);
    }

    @PostMapping("/drawers")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    @Operation(summary = "Open the signed-in cashier's drawer with a counted float (default $200.00; another needs DRAWER_SUPERVISE)")
    ResponseEntity<Drawers.Drawer> open(@RequestBody(required = false) OpenDrawerBody body) {
        Drawers.Drawer d = drawers.open(body == null || body.openingFloat() == null ? null : Money.of(body.openingFloat()));
        return ResponseEntity.created(URI.create("/api/v1/drawers/" + d.id())).body(d);
    }

    @GetMapping("/drawers/{id}")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    @Operation(summary = "A drawer with its totals by tender and its cash in the ledger")
    Map<String, Object> drawer(@PathVariable long id) {
        return Map.of("drawer", drawers.drawer(id), "totals", drawers.totals(id));
    }

    @PostMapping("/drawers/{id}/close")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    @Operation(summary = "Close a drawer with its count; over/short beyond the tolerance waits for a head cashier")
    Drawers.CloseResult close(@PathVariable long id, @RequestBody CloseBody body) {
        List<DrawerCount.CountedCheck> checks = body.checks() == null ? List.of()
                : body.checks().stream().map(c -> new DrawerCount.CountedCheck(c.number(), Money.of(c.amount()))).toList();
        return drawers.close(id, new DrawerCount(body.pieces(), body.rolledCoin() == null ? null : Money.of(body.rolledCoin()),
                checks, body.cardBatchTotal() == null ? null : Money.of(body.cardBatchTotal())), body.note());
    }

    @PostMapping("/deposits")
    @PreAuthorize("hasAuthority('DRAWER_SUPERVISE')")
    @Operation(summary = "Deposit closed drawers: cash in drawers to cash in bank, per fund")
    ResponseEntity<Drawers.Deposit> deposit(@RequestBody DepositBody body) {
        Drawers.Deposit d = drawers.deposit(body.drawerIds(), body.bankReference());
        return ResponseEntity.created(URI.create("/api/v1/deposits/" + d.id())).body(d);
    }

    @GetMapping(value = "/daily-cash-report", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('CASH_REPORT_VIEW')")
    @Operation(summary = "The Daily Cash Report of a business day, with its tie-out to the trial balance")
    DailyCashReports.DailyCashReport report(@RequestParam(required = false) LocalDate date) {
        return reports.report(date == null ? LocalDate.now(clock) : date);
    }

    @GetMapping(value = "/daily-cash-report", produces = "text/csv")
    @PreAuthorize("hasAuthority('CASH_REPORT_VIEW')")
    @Operation(summary = "The Daily Cash Report as CSV")
    ResponseEntity<String> reportCsv(@RequestParam(required = false) LocalDate date) {
        LocalDate d = date == null ? LocalDate.now(clock) : date;
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                .header("Content-Disposition", "attachment; filename=daily-cash-report-" + d + ".csv")
                .body(reports.csv(reports.report(d)));
    }
}

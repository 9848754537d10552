package org.civicdesk.cashiering.internal.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.ReceivableTypes;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.cashiering.internal.drawers.CounterPayments;
import org.civicdesk.cashiering.internal.drawers.DailyCashReports;
import org.civicdesk.cashiering.internal.drawers.DrawerCount;
import org.civicdesk.cashiering.internal.drawers.Drawers;
import org.civicdesk.cashiering.internal.payments.MiscellaneousReceiptKind;
import org.civicdesk.cashiering.internal.payments.PaymentReversals;
import org.civicdesk.cashiering.internal.payments.PaymentViews;
import org.civicdesk.cashiering.internal.payments.RefundDesk;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.cashiering.internal.payments.UtilityAccountKind;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The cashier's counter, the head cashier's drawers and deposit, the Daily Cash Report and refunds. */
@Controller
class CashieringPagesController {

    private final Drawers drawers;
    private final CounterPayments counter;
    private final PaymentViews views;
    private final PaymentReversals reversals;
    private final DailyCashReports reports;
    private final ReceivableTypes types;
    private final MiscellaneousReceiptKind misc;
    private final UtilityAccountKind utility;
    private final Receipts receipts;
    private final RefundDesk refunds;
    private final DailyCashReportPdf reportPdf;
    private final java.time.Clock clock;

    CashieringPagesController(Drawers drawers, CounterPayments counter, PaymentViews views, PaymentReversals reversals,
            DailyCashReports reports, ReceivableTypes types, MiscellaneousReceiptKind misc, UtilityAccountKind utility,
            Receipts receipts, RefundDesk refunds, DailyCashReportPdf reportPdf, java.time.Clock clock) {
        this.drawers = drawers;
        this.counter = counter;
        this.views = views;
        this.reversals = reversals;
        this.reports = reports;
        this.types = types;
        this.misc = misc;
        this.utility = utility;
        this.receipts = receipts;
        this.refunds = refunds;
        this.reportPdf = reportPdf;
        this.clock = clock;
    }

    private static String me() {
        return CurrentStaff.username().orElseThrow();
    }

    // ------------------------------------------------------------------ my drawer

    @GetMapping("/cashiering")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    String counter(Model model, @RequestParam(required = false) String cardToken, @RequestParam(required = false) String cardBrand,
            @RequestParam(required = false) String cardLast4, @RequestParam(required = false) BigDecimal cardAmount) {
        if (!model.containsAttribute("form")) {
            PaymentForm form = PaymentForm.blank(UUID.randomUUID().toString());
            if (cardToken != null) {
                // back from the hosted payment step: only the token, brand and last four digits
                PaymentForm.TenderRow card = form.getTenders().get(1);
                card.setType("CREDIT_CARD");
                card.setCardToken(cardToken);
                card.setCardBrand(cardBrand);
                card.setCardLast4(cardLast4);
                card.setAmount(cardAmount);
            }
            model.addAttribute("form", form);
        }
        return showCounter(model);
    }

    private String showCounter(Model model) {
        Optional<Drawers.Drawer> drawer = drawers.openDrawerOf(me());
        model.addAttribute("drawer", drawer.orElse(null));
        drawer.ifPresent(d -> {
            model.addAttribute("totals", drawers.totals(d.id()));
            model.addAttribute("recent", views.ofDrawer(d.id(), 15));
        });
        model.addAttribute("kinds", types.all());
        model.addAttribute("codes", misc.codes());
        model.addAttribute("tenderTypes", List.of(TenderType.CASH, TenderType.CHECK, TenderType.MONEY_ORDER,
                TenderType.CASHIERS_CHECK, TenderType.CREDIT_CARD, TenderType.DEBIT_CARD));
        model.addAttribute("denominations", DrawerCount.DENOMINATIONS.keySet());
        return "cashiering/counter";
    }

    @PostMapping("/cashiering/drawer/open")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    String open(@RequestParam(required = false) BigDecimal openingFloat, Model model, RedirectAttributes redirect) {
        try {
            drawers.open(openingFloat == null ? null : Money.of(openingFloat));
            redirect.addFlashAttribute("flash", "Drawer opened.");
            return "redirect:/cashiering";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
        } catch (Conflict e) {
            model.addAttribute("problems", List.of(new FieldProblem("openingFloat", e.getMessage())));
        }
        model.addAttribute("form", PaymentForm.blank(UUID.randomUUID().toString()));
        return showCounter(model);
    }

    /** htmx: what a reference stands for (name, cash-only, closed, balance), as the cashier types it. */
    @GetMapping("/cashiering/lookup")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    String lookup(@RequestParam Map<String, String> params, Model model) {
        // the row's fields arrive as allocations[i].receivableType and allocations[i].reference
        String receivableType = params.entrySet().stream().filter(e -> e.getKey().endsWith("receivableType"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        String reference = params.entrySet().stream().filter(e -> e.getKey().endsWith("reference"))
                .map(Map.Entry::getValue).findFirst().orElse("").trim();
        try {
            if (reference.isBlank()) {
                model.addAttribute("message", "");
            } else {
                ReceivableTypes.TargetDetails d = types.find(receivableType).orElseThrow(() ->
                        new BusinessRuleViolation("payment.unknown-receivable-type", "receivableType", "Choose what is paid"))
                        .resolve(reference);
                model.addAttribute("details", d);
            }
        } catch (BusinessRuleViolation e) {
            model.addAttribute("message", e.problems().get(0).reason());
        }
        return "cashiering/counter :: lookup";
    }

    @PostMapping("/cashiering/payments")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    String take(@ModelAttribute("form") PaymentForm form, Model model, RedirectAttributes redirect) {
        Drawers.Drawer drawer = drawers.openDrawerOf(me()).orElse(null);
        try {
            if (drawer == null) {
                throw new BusinessRuleViolation("payment.no-drawer", "openingFloat", "Open your drawer before taking payments");
            }
            PostedPayment p = counter.take(toPayment(form, drawer.id()));
            redirect.addFlashAttribute("flash", "Payment " + p.paymentId() + " posted: " + p.amount().formatted()
                    + (p.changeGiven().isPositive() ? ", change due " + p.changeGiven().formatted() : ""));
            return "redirect:/cashiering/payments/" + p.paymentId();
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
        }
        form.fill();
        return showCounter(model);
    }

    private static NewPayment toPayment(PaymentForm form, long drawerId) {
        List<NewPayment.Tender> tenders = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < form.getTenders().size(); i++) {
            PaymentForm.TenderRow t = form.getTenders().get(i);
            if (t.empty()) {
                continue;
            }
            if (t.getAmount().stripTrailingZeros().scale() > 2) {
                problems.add(new FieldProblem("tenders[" + i + "].amount", "Give dollars and cents"));
                continue;
            }
            tenders.add(new NewPayment.Tender(TenderType.valueOf(t.getType()), Money.of(t.getAmount()),
                    blank(t.getCheckNumber()), blank(t.getCardToken()), blank(t.getCardBrand()), blank(t.getCardLast4())));
        }
        List<NewPayment.Allocation> allocations = new ArrayList<>();
        for (int i = 0; i < form.getAllocations().size(); i++) {
            PaymentForm.AllocationRow a = form.getAllocations().get(i);
            if (a.empty()) {
                continue;
            }
            if (a.getAmount() == null || a.getAmount().stripTrailingZeros().scale() > 2) {
                problems.add(new FieldProblem("allocations[" + i + "].amount", "Give the amount paid in dollars and cents"));
                continue;
            }
            if (a.getReference() == null || a.getReference().isBlank()) {
                problems.add(new FieldProblem("allocations[" + i + "].reference", "Say what is paid"));
                continue;
            }
            allocations.add(new NewPayment.Allocation(new PaymentTarget(a.getReceivableType(), a.getReference().trim()),
                    Money.of(a.getAmount())));
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("payment.invalid", problems.get(0).reason(), problems);
        }
        return new NewPayment(form.getIdempotencyKey(), TenderSource.DRAWER, drawerId, null, tenders, allocations,
                blank(form.getPayerName()), null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @GetMapping("/cashiering/payments/{id}")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    String payment(@PathVariable long id, Model model) {
        PaymentViews.PaymentView p = views.payment(id);
        model.addAttribute("payment", p);
        model.addAttribute("voidRefusal", reversals.voidRefusal(reversals.stored(id)).orElse(null));
        model.addAttribute("language", language(p));
        return "cashiering/payment";
    }

    private String language(PaymentViews.PaymentView p) {
        return p.allocations().stream().filter(a -> a.targetType().equals(UtilityAccountKind.TYPE)).findFirst()
                .map(a -> {
                    try {
                        AccountDetails d = utility.account(a.reference());
                        return d.language();
                    } catch (RuntimeException e) {
                        return "en";
                    }
                }).orElse("en");
    }

    @GetMapping("/cashiering/payments/{id}/receipt.pdf")
    // a reprint: staff who see the account's payments (account screen) may print its receipt
    @PreAuthorize("hasAnyAuthority('PAYMENT_TAKE', 'BILLING_VIEW')")
    ResponseEntity<byte[]> receipt(@PathVariable long id, @RequestParam(defaultValue = "narrow") String layout,
            @RequestParam(required = false) String language) {
        PaymentViews.PaymentView p = views.payment(id);
        String lang = language == null ? language(p) : ("es".equals(language) ? "es" : "en");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=receipt-" + id + ".pdf")
                .body(receipts.pdf(p, lang, !"letter".equals(layout)));
    }

    @PostMapping("/cashiering/payments/{id}/email")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    String email(@PathVariable long id, @RequestParam(defaultValue = "") String email, RedirectAttributes redirect) {
        PaymentViews.PaymentView p = views.payment(id);
        try {
            receipts.email(p, language(p), email);
            redirect.addFlashAttribute("flash", "Receipt e-mailed to " + email.trim() + ".");
        } catch (BusinessRuleViolation e) {
            redirect.addFlashAttribute("flash", "Not e-mailed: " + e.problems().get(0).reason());
        }
        return "redirect:/cashiering/payments/" + id;
    }

    @PostMapping("/cashiering/payments/{id}/void")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    String requestVoid(@PathVariable long id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        try {
            drawers.requestVoid(id, reason);
            redirect.addFlashAttribute("flash", "Void requested: a supervisor approves it on the Approvals page.");
        } catch (BusinessRuleViolation e) {
            redirect.addFlashAttribute("flash", "Not requested: " + e.problems().get(0).reason());
        }
        return "redirect:/cashiering/payments/" + id;
    }

    @PostMapping("/cashiering/payments/{id}/reversal")
    @PreAuthorize("hasAuthority('DRAWER_SUPERVISE')")
    String reverse(@PathVariable long id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        try {
            reversals.reversePayment(id, reason);
            redirect.addFlashAttribute("flash", "Payment reversed.");
        } catch (BusinessRuleViolation | Conflict e) {
            redirect.addFlashAttribute("flash", "Not reversed: " + e.getMessage());
        }
        return "redirect:/cashiering/payments/" + id;
    }

    @PostMapping("/cashiering/drawer/close")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    String close(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        Drawers.Drawer drawer = drawers.openDrawerOf(me()).orElse(null);
        if (drawer == null) {
            redirect.addFlashAttribute("flash", "You have no open drawer.");
            return "redirect:/cashiering";
        }
        try {
            Map<String, Integer> pieces = new LinkedHashMap<>();
            List<FieldProblem> problems = new ArrayList<>();
            for (String code : DrawerCount.DENOMINATIONS.keySet()) {
                String v = params.getOrDefault("pieces[" + code + "]", "").trim();
                if (!v.isEmpty()) {
                    if (!v.matches("[0-9]{1,6}")) {
                        problems.add(new FieldProblem("pieces-" + code, "Count whole pieces"));
                    } else {
                        pieces.put(code, Integer.parseInt(v));
                    }
                }
            }
            Money rolled = money(params.get("rolledCoin"), "rolledCoin", problems);
            Money cards = money(params.get("cardBatchTotal"), "cardBatchTotal", problems);
            List<DrawerCount.CountedCheck> checks = new ArrayList<>();
            for (String line : params.getOrDefault("checks", "").split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split("[\\s,;]+");
                Money amount = money(parts[parts.length - 1], "checks", problems);
                if (amount != null) {
                    checks.add(new DrawerCount.CountedCheck(parts.length > 1 ? parts[0] : null, amount));
                }
            }
            if (!problems.isEmpty()) {
                throw new BusinessRuleViolation("drawer.invalid-count", problems.get(0).reason(), problems);
            }
            Drawers.CloseResult r = drawers.close(drawer.id(), new DrawerCount(pieces, rolled, checks, cards), params.get("note"));
            redirect.addFlashAttribute("flash", r.needsApproval()
                    ? "Counted " + r.counted().formatted() + ", over/short " + r.overShort().formatted()
                            + ": beyond the tolerance, a head cashier must approve the close."
                    : "Drawer closed. Counted " + r.counted().formatted() + ", over/short " + r.overShort().formatted() + ".");
            return "redirect:/cashiering";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
        }
        model.addAttribute("form", PaymentForm.blank(UUID.randomUUID().toString()));
        return showCounter(model);
    }

    private static Money money(String v, String field, List<FieldProblem> problems) {
        if (v == null || v.isBlank()) {
            return Money.ZERO;
        }
        try {
            BigDecimal b = new BigDecimal(v.trim().replace("$", "").replace(",", ""));
            if (b.stripTrailingZeros().scale() > 2) {
                throw new NumberFormatException();
            }
            return Money.of(b);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "Give dollars and cents, e.g. 12.50"));
            return null;
        }
    }

    // ------------------------------------------------------------------ head cashier

    @GetMapping("/cashiering/drawers")
    @PreAuthorize("hasAuthority('DRAWER_SUPERVISE')")
    String allDrawers(@RequestParam(required = false) LocalDate date, Model model) {
        LocalDate day = date == null ? LocalDate.now(clock) : date;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Drawers.Drawer d : drawers.onDate(day)) {
            rows.add(Map.of("drawer", d, "totals", drawers.totals(d.id())));
        }
        model.addAttribute("date", day);
        model.addAttribute("rows", rows);
        model.addAttribute("awaiting", drawers.awaitingDeposit());
        model.addAttribute("deposits", drawers.depositsOn(day));
        return "cashiering/drawers";
    }

    @PostMapping("/cashiering/deposits")
    @PreAuthorize("hasAuthority('DRAWER_SUPERVISE')")
    String deposit(@RequestParam(name = "drawerIds", required = false) List<Long> drawerIds,
            @RequestParam(defaultValue = "") String bankReference, RedirectAttributes redirect) {
        try {
            Drawers.Deposit d = drawers.deposit(drawerIds, bankReference);
            redirect.addFlashAttribute("flash", "Deposit " + d.id() + " of " + d.total().formatted() + " made.");
        } catch (BusinessRuleViolation e) {
            redirect.addFlashAttribute("flash", "No deposit: " + e.problems().get(0).reason());
        }
        return "redirect:/cashiering/drawers";
    }

    // ------------------------------------------------------------------ daily cash report

    @GetMapping("/cashiering/daily-cash-report")
    @PreAuthorize("hasAuthority('CASH_REPORT_VIEW')")
    String dailyCashReport(@RequestParam(required = false) LocalDate date, Model model) {
        model.addAttribute("r", reports.report(date == null ? LocalDate.now(clock) : date));
        return "cashiering/daily-cash-report";
    }

    @GetMapping("/cashiering/daily-cash-report.csv")
    @PreAuthorize("hasAuthority('CASH_REPORT_VIEW')")
    ResponseEntity<String> dailyCashReportCsv(@RequestParam(required = false) LocalDate date) {
        LocalDate d = date == null ? LocalDate.now(clock) : date;
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=daily-cash-report-" + d + ".csv")
                .body(reports.csv(reports.report(d)));
    }

    @GetMapping("/cashiering/daily-cash-report.pdf")
    @PreAuthorize("hasAuthority('CASH_REPORT_VIEW')")
    ResponseEntity<byte[]> dailyCashReportPdf(@RequestParam(required = false) LocalDate date) {
        LocalDate d = date == null ? LocalDate.now(clock) : date;
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=daily-cash-report-" + d + ".pdf")
                .body(reportPdf.render(reports.report(d)));
    }

    // ------------------------------------------------------------------ refunds

    @GetMapping("/cashiering/refunds")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE') or hasAuthority('REFUND_APPROVE')")
    String refundsPage(Model model) {
        model.addAttribute("refunds", refunds.all());
        return "cashiering/refunds";
    }

    @PostMapping("/cashiering/refunds/{id}/submit")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE') or hasAuthority('REFUND_APPROVE')")
    String submitRefund(@PathVariable long id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        try {
            refunds.submit(id, reason);
            redirect.addFlashAttribute("flash", "Refund " + id + " sent for approval.");
        } catch (BusinessRuleViolation e) {
            redirect.addFlashAttribute("flash", "Not sent: " + e.problems().get(0).reason());
        }
        return "redirect:/cashiering/refunds";
    }

    @PostMapping("/cashiering/refunds/export.csv")
    @PreAuthorize("hasAuthority('REFUND_APPROVE')")
    ResponseEntity<String> exportRefunds() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=refunds-ap.csv")
                .body(refunds.exportToAccountsPayable());
    }
}

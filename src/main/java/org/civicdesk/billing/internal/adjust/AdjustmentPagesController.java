package org.civicdesk.billing.internal.adjust;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicdesk.billing.internal.document.BillingAccounts;
import org.civicdesk.billing.internal.document.BillingAccounts.BillingAccount;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The billing adjustment form and the wastewater fee adjustment form (preview, then confirm). */
@Controller
class AdjustmentPagesController {

    static final List<String> TARGETS = List.of("WATER", "WASTEWATER", "SOLID_WASTE", "ELECTRIC", "GAS", "IRRIGATION",
            "HYDRANT", AdjustmentRequest.FEE);

    private final BillingAdjustments adjustments;
    private final WastewaterAdjustments wastewater;
    private final BillingAccounts accounts;

    AdjustmentPagesController(BillingAdjustments adjustments, WastewaterAdjustments wastewater, BillingAccounts accounts) {
        this.adjustments = adjustments;
        this.wastewater = wastewater;
        this.accounts = accounts;
    }

    @GetMapping("/accounts/{accountNumber}/adjustments/new")
    @PreAuthorize("hasAuthority('BILL_ADJUST')")
    String form(@PathVariable String accountNumber, @RequestParam(required = false) Long billId, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("requestKey", UUID.randomUUID().toString());
        form.put("billId", billId == null ? "" : billId.toString());
        return form(accounts.require(accountNumber, "accountNumber"), form, List.of(), model);
    }

    private String form(BillingAccount account, Map<String, String> form, List<FieldProblem> problems, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("reasons", adjustments.reasons());
        model.addAttribute("targets", TARGETS);
        model.addAttribute("limit", adjustments.approvalLimit());
        return "billing/adjust-new";
    }

    @PostMapping("/accounts/{accountNumber}/adjustments")
    @PreAuthorize("hasAuthority('BILL_ADJUST')")
    String submit(@PathVariable String accountNumber, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        BillingAccount account = accounts.require(accountNumber, "accountNumber");
        Long billId = null;
        BigDecimal amount = null;
        try {
            billId = blank(form.get("billId")) ? null : Long.valueOf(form.get("billId").trim());
        } catch (NumberFormatException e) {
            return form(account, form, List.of(new FieldProblem("billId", "Give the bill number in digits, or leave it empty")), model);
        }
        try {
            amount = blank(form.get("amount")) ? null : new BigDecimal(form.get("amount").trim().replace("$", "").replace(",", ""));
        } catch (NumberFormatException e) {
            return form(account, form, List.of(new FieldProblem("amount", "Give an amount such as -25.40 (credit) or 12.00 (charge)")), model);
        }
        try {
            BillingAdjustments.Outcome outcome = adjustments.submit(new AdjustmentRequest(form.get("requestKey"),
                    account.accountNumber(), billId, form.get("serviceType"), blank(form.get("fund")) ? null : form.get("fund"),
                    amount, form.get("reasonCode"), form.get("note"), null));
            redirect.addFlashAttribute("flash", message(outcome));
            return billId == null ? "redirect:/accounts/" + account.accountNumber() : "redirect:/bills/" + billId;
        } catch (BusinessRuleViolation e) {
            return form(account, form, e.problems(), model);
        }
    }

    static String message(BillingAdjustments.Outcome outcome) {
        if (outcome instanceof BillingAdjustments.Outcome.Posted p) {
            return "Adjustment " + p.adjustment().id() + " of " + p.adjustment().amount().formatted()
                    + " posted (journal entry " + p.adjustment().ledgerEntryId() + ").";
        }
        BillingAdjustments.Outcome.AwaitingApproval a = (BillingAdjustments.Outcome.AwaitingApproval) outcome;
        return "Over the approval limit: approval request " + a.request().id()
                + " is waiting for a second person. Nothing is posted until it is approved.";
    }

    @GetMapping("/accounts/{accountNumber}/wastewater-adjustment")
    @PreAuthorize("hasAuthority('BILL_ADJUST')")
    String wastewaterForm(@PathVariable String accountNumber, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("requestKey", UUID.randomUUID().toString());
        return wastewaterPage(accounts.require(accountNumber, "accountNumber"), form, null, List.of(), model);
    }

    private String wastewaterPage(BillingAccount account, Map<String, String> form, WastewaterRecompute.Result result,
            List<FieldProblem> problems, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("periods", wastewater.periods(account.accountNumber()));
        model.addAttribute("result", result);
        model.addAttribute("problems", problems);
        model.addAttribute("limit", adjustments.approvalLimit());
        return "billing/adjust-wastewater";
    }

    @PostMapping("/accounts/{accountNumber}/wastewater-adjustment")
    @PreAuthorize("hasAuthority('BILL_ADJUST')")
    String wastewater(@PathVariable String accountNumber, @RequestParam Map<String, String> form,
            @RequestParam(defaultValue = "preview") String action, Model model, RedirectAttributes redirect) {
        BillingAccount account = accounts.require(accountNumber, "accountNumber");
        Map<Long, WastewaterRecompute.Correction> corrections = new LinkedHashMap<>();
        for (WastewaterRecompute.BilledPeriod p : wastewater.periods(account.accountNumber())) {
            String volume = form.get("volume-" + p.billServiceId());
            String wqa = form.get("wqa-" + p.billServiceId());
            try {
                BigDecimal v = blank(volume) ? null : new BigDecimal(volume.trim());
                BigDecimal q = blank(wqa) ? null : new BigDecimal(wqa.trim());
                if (v != null || q != null) {
                    corrections.put(p.billServiceId(), new WastewaterRecompute.Correction(v, q));
                }
            } catch (NumberFormatException e) {
                String field = blank(volume) || isNumber(volume) ? "wqa-" + p.billServiceId() : "volume-" + p.billServiceId();
                return wastewaterPage(account, form, null, List.of(new FieldProblem(field, "Give a number, e.g. 6.5")), model);
            }
        }
        try {
            if ("confirm".equals(action)) {
                BillingAdjustments.Outcome outcome = wastewater.confirm(form.get("requestKey"), account.accountNumber(),
                        corrections, form.get("note"));
                redirect.addFlashAttribute("flash", message(outcome));
                return "redirect:/accounts/" + account.accountNumber();
            }
            return wastewaterPage(account, form, wastewater.preview(account.accountNumber(), corrections), List.of(), model);
        } catch (BusinessRuleViolation e) {
            WastewaterRecompute.Result shown = null;
            try {
                shown = "confirm".equals(action) ? wastewater.preview(account.accountNumber(), corrections) : null;
            } catch (BusinessRuleViolation ignored) {
                // the first refusal is the one to show
            }
            return wastewaterPage(account, form, shown, e.problems(), model);
        }
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package org.civicdesk.billing.internal.document;

import java.util.List;
import org.civicdesk.billing.BillCorrections;
import org.civicdesk.billing.BillDetail;
import org.civicdesk.billing.Bills;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Conflict;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The bill page: every service, read, line and tax; the PDF; cancel and rebill (with a reason). */
@Controller
class BillPagesController {

    private final Bills bills;
    private final BillDocuments documents;
    private final ObjectProvider<BillCorrections> corrections;

    BillPagesController(Bills bills, BillDocuments documents, ObjectProvider<BillCorrections> corrections) {
        this.bills = bills;
        this.documents = documents;
        this.corrections = corrections;
    }

    @GetMapping("/bills/{id}")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    String bill(@PathVariable long id, Model model) {
        return page(bills.bill(id), "", List.of(), model);
    }

    private String page(BillDetail bill, String reason, List<FieldProblem> problems, Model model) {
        model.addAttribute("bill", bill);
        model.addAttribute("s", bill.summary());
        model.addAttribute("reason", reason);
        model.addAttribute("problems", problems);
        model.addAttribute("canAdjust", CurrentStaff.has(Permission.BILL_ADJUST));
        model.addAttribute("canCancel", CurrentStaff.has(Permission.BILL_CANCEL) && !bill.summary().cancelled());
        model.addAttribute("hasWastewater", bill.services().stream().anyMatch(s -> "WASTEWATER".equals(s.serviceType())));
        return "billing/bill";
    }

    @GetMapping("/bills/{id}.pdf")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        return pdfResponse(id, documents.pdf(id));
    }

    static ResponseEntity<byte[]> pdfResponse(long id, byte[] pdf) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"bill-" + id + ".pdf\"").body(pdf);
    }

    @PostMapping("/bills/{id}/cancel-and-rebill")
    @PreAuthorize("hasAuthority('BILL_CANCEL')")
    String cancelAndRebill(@PathVariable long id, @RequestParam(defaultValue = "") String reason, Model model,
            RedirectAttributes redirect) {
        BillDetail bill = bills.bill(id);
        if (reason.isBlank()) {
            return page(bill, reason, List.of(new FieldProblem("reason", "Say why the bill is cancelled and rebilled")), model);
        }
        BillCorrections service = corrections.getIfAvailable();
        if (service == null) {
            throw new Conflict("billing.corrections-unavailable", "Cancel and rebill is not available in this build");
        }
        try {
            long rebill = service.cancelAndRebill(id, reason.trim());
            redirect.addFlashAttribute("flash", "Bill " + id + " cancelled; bill " + rebill + " replaces it.");
            return "redirect:/bills/" + rebill;
        } catch (BusinessRuleViolation e) {
            return page(bill, reason, e.problems().stream()
                    .map(p -> new FieldProblem(p.field() == null || p.field().isBlank() ? "reason" : p.field(), p.reason()))
                    .toList(), model);
        }
    }
}

package org.civicdesk.cashiering.internal.files;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages for payment files (remittance upload and its report) and the suspense queue, and the remittance API.
 */
@Controller
class PaymentFilesController {

    private final RemittanceImports imports;
    private final PaymentSuspense suspense;

    PaymentFilesController(RemittanceImports imports, PaymentSuspense suspense) {
        this.imports = imports;
        this.suspense = suspense;
    }

    @GetMapping("/cashiering/files")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String files(Model model) {
        model.addAttribute("batches", imports.recentBatches(30));
        return "cashiering/files/index";
    }

    @PostMapping("/cashiering/files/remittance")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String upload(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(defaultValue = "") String expectedCount, @RequestParam(defaultValue = "") String expectedTotal,
            Model model) {
        try {
            RemittanceImports.ImportReport report = imports.importFile(name(file), content(file),
                    expected(expectedCount, expectedTotal));
            model.addAttribute("report", report);
            return "cashiering/files/remittance-report";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
        } catch (Conflict e) {
            model.addAttribute("problems", List.of(new FieldProblem("file", e.getMessage())));
        }
        model.addAttribute("expectedCount", expectedCount);
        model.addAttribute("expectedTotal", expectedTotal);
        model.addAttribute("batches", imports.recentBatches(30));
        return "cashiering/files/index";
    }

    @GetMapping("/cashiering/files/remittance/{id}")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String report(@PathVariable long id, Model model) {
        model.addAttribute("report", imports.report(id, false, false));
        return "cashiering/files/remittance-report";
    }

    @PostMapping("/api/v1/remittance-files")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    @ResponseBody
    ResponseEntity<RemittanceImports.ImportReport> apiUpload(@RequestParam("file") MultipartFile file,
            @RequestParam(required = false) Integer expectedCount, @RequestParam(required = false) BigDecimal expectedTotal) {
        Optional<RemittanceFile.ControlTotals> expected = expectedCount == null && expectedTotal == null
                ? Optional.empty() : Optional.of(new RemittanceFile.ControlTotals(
                        expectedCount == null ? -1 : expectedCount, expectedTotal == null ? Money.ZERO : Money.of(expectedTotal)));
        if (expected.isPresent() && (expectedCount == null || expectedTotal == null)) {
            throw new BusinessRuleViolation("remittance.expected-totals", "expectedCount",
                    "Give both the expected line count and the expected total, or neither");
        }
        RemittanceImports.ImportReport report = imports.importFile(name(file), content(file), expected);
        return ResponseEntity.status(report.alreadyImported() ? HttpStatus.OK : HttpStatus.CREATED).body(report);
    }

    @GetMapping("/cashiering/suspense")
    @PreAuthorize("hasAuthority('SUSPENSE_WORK')")
    String suspenseQueue(Model model) {
        model.addAttribute("open", suspense.open(500));
        model.addAttribute("resolved", suspense.recentlyResolved(50));
        return "cashiering/files/suspense";
    }

    @PostMapping("/cashiering/suspense/{id}/apply")
    @PreAuthorize("hasAuthority('SUSPENSE_WORK')")
    String apply(@PathVariable long id, @RequestParam(defaultValue = "") String accountNumber,
            @RequestParam(defaultValue = "") String note, Model model, RedirectAttributes redirect) {
        try {
            PaymentSuspense.Item item = suspense.apply(id, accountNumber, note);
            redirect.addFlashAttribute("flash", "Suspense item " + id + " was applied to account "
                    + item.appliedAccount() + " as payment " + item.paymentId() + ".");
            return "redirect:/cashiering/suspense";
        } catch (BusinessRuleViolation | Conflict e) {
            return suspenseWithProblem(id, e.getMessage(), model);
        }
    }

    @PostMapping("/cashiering/suspense/{id}/refund")
    @PreAuthorize("hasAuthority('SUSPENSE_WORK')")
    String refund(@PathVariable long id, @RequestParam(defaultValue = "") String note, Model model,
            RedirectAttributes redirect) {
        try {
            suspense.refund(id, note);
            redirect.addFlashAttribute("flash", "Suspense item " + id + " was marked refunded.");
            return "redirect:/cashiering/suspense";
        } catch (BusinessRuleViolation | Conflict e) {
            return suspenseWithProblem(id, e.getMessage(), model);
        }
    }

    private String suspenseWithProblem(long id, String message, Model model) {
        model.addAttribute("problems", List.of(new FieldProblem("item-" + id, message)));
        model.addAttribute("failedItem", id);
        return suspenseQueue(model);
    }

    private static Optional<RemittanceFile.ControlTotals> expected(String count, String total) {
        if (count.isBlank() && total.isBlank()) {
            return Optional.empty();
        }
        if (!count.strip().matches("[0-9]{1,9}")) {
            throw new BusinessRuleViolation("remittance.expected-count", "expectedCount",
                    "The expected line count is a whole number");
        }
        if (!total.strip().matches("-?[0-9]{1,12}(\\.[0-9]{1,2})?")) {
            throw new BusinessRuleViolation("remittance.expected-total", "expectedTotal",
                    "The expected total is a dollar amount like 1234.56");
        }
        return Optional.of(new RemittanceFile.ControlTotals(Integer.parseInt(count.strip()), Money.of(total.strip())));
    }

    private static String name(MultipartFile file) {
        return file == null ? null : file.getOriginalFilename();
    }

    private static byte[] content(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new BusinessRuleViolation("remittance.file", "file", "Choose a remittance file to import");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new BusinessRuleViolation("remittance.file", "file", "The file could not be read: " + e.getMessage());
        }
    }
}

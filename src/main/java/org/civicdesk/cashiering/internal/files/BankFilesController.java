package org.civicdesk.cashiering.internal.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

/** Pages and API for autopay, the portal's bank debit files, ACH returns, returned checks and BAI2 bank statements. */
@Controller
class BankFilesController {

    private final Autopay autopay;
    private final OnlineDebitFiles onlineDebits;
    private final AchReturns returns;
    private final ReturnedChecks returnedChecks;
    private final BankStatements statements;
    private final BusinessTime time;

    BankFilesController(Autopay autopay, OnlineDebitFiles onlineDebits, AchReturns returns,
            ReturnedChecks returnedChecks, BankStatements statements, java.time.Clock clock) {
        this.autopay = autopay;
        this.onlineDebits = onlineDebits;
        this.returns = returns;
        this.returnedChecks = returnedChecks;
        this.statements = statements;
        this.time = new BusinessTime(clock);
    }

    // ---- autopay and ACH returns

    @GetMapping("/cashiering/files/autopay")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String autopayPage(Model model) {
        model.addAttribute("enrolments", autopay.enrolments(200));
        model.addAttribute("files", autopay.files(30));
        model.addAttribute("onlineFiles", onlineDebits.files(30));
        model.addAttribute("research", returns.forResearch(100));
        model.addAttribute("recentReturns", returns.recent(50));
        model.addAttribute("today", time.today());
        return "cashiering/files/autopay";
    }

    @PostMapping("/cashiering/files/autopay/enrolments")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String enrol(@RequestParam(defaultValue = "") String accountNumber, @RequestParam(defaultValue = "") String routingNumber,
            @RequestParam(defaultValue = "") String bankAccountNumber, @RequestParam(defaultValue = "CHECKING") String accountType,
            @RequestParam(defaultValue = "") String holderName, Model model, RedirectAttributes redirect) {
        try {
            Autopay.Enrolment e = autopay.enrol(accountNumber, routingNumber, bankAccountNumber, accountType, holderName);
            redirect.addFlashAttribute("flash", "Account " + e.accountNumber() + " is enrolled in autopay (bank account ending "
                    + e.bankLast4() + ").");
            return "redirect:/cashiering/files/autopay";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
        } catch (Conflict e) {
            model.addAttribute("problems", List.of(new FieldProblem("accountNumber", e.getMessage())));
        }
        model.addAttribute("form", Map.of("accountNumber", accountNumber, "routingNumber", routingNumber,
                "holderName", holderName, "accountType", accountType));
        return autopayPage(model);
    }

    @PostMapping("/cashiering/files/autopay/enrolments/{id}/end")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String endEnrolment(@PathVariable long id, @RequestParam(defaultValue = "") String reason, Model model,
            RedirectAttributes redirect) {
        try {
            autopay.end(id, reason);
            redirect.addFlashAttribute("flash", "Autopay enrolment " + id + " ended.");
            return "redirect:/cashiering/files/autopay";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", List.of(new FieldProblem("reason-" + id, e.getMessage())));
            return autopayPage(model);
        }
    }

    @PostMapping("/cashiering/files/autopay/files")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String generate(@RequestParam(defaultValue = "") String dueDate, Model model, RedirectAttributes redirect) {
        try {
            Autopay.AutopayFile file = autopay.generate(date(dueDate, "dueDate"));
            redirect.addFlashAttribute("flash", "Autopay file for " + file.dueDate() + ": " + file.entryCount()
                    + " debits, " + file.total().formatted() + ", effective " + file.effectiveDate() + ".");
            return "redirect:/cashiering/files/autopay";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
            return autopayPage(model);
        }
    }

    @PostMapping("/cashiering/files/autopay/settlements")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String postSettled(RedirectAttributes redirect) {
        int posted = autopay.postSettled(time.today());
        redirect.addFlashAttribute("flash", posted + " autopay debits were posted as payments.");
        return "redirect:/cashiering/files/autopay";
    }

    @GetMapping("/cashiering/files/autopay/files/{id}.ach")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    ResponseEntity<byte[]> download(@PathVariable long id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=autopay-" + id + ".ach")
                .contentType(MediaType.TEXT_PLAIN)
                .body(autopay.fileText(id).getBytes(StandardCharsets.US_ASCII));
    }

    @PostMapping("/cashiering/files/online-debits")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String generateOnlineDebits(@RequestParam(defaultValue = "") String fileDate, Model model,
            RedirectAttributes redirect) {
        try {
            LocalDate day = date(fileDate, "fileDate");
            if (day.isAfter(time.today())) {
                // a file made ahead of its day would take payments of days that have not ended
                throw new BusinessRuleViolation("files.future-date", "fileDate",
                        "The portal debit file is made for today or a past day, not for " + day);
            }
            OnlineDebitFiles.OnlineDebitFile file = onlineDebits.generate(day);
            redirect.addFlashAttribute("flash", "Portal bank debit file of " + file.fileDate() + ": "
                    + file.entryCount() + " debits, " + file.total().formatted() + ", effective " + file.effectiveDate()
                    + ".");
            return "redirect:/cashiering/files/autopay";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
            return autopayPage(model);
        }
    }

    @GetMapping("/cashiering/files/online-debits/{id}.ach")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    ResponseEntity<byte[]> downloadOnlineDebits(@PathVariable long id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=portal-debits-" + id + ".ach")
                .contentType(MediaType.TEXT_PLAIN)
                .body(onlineDebits.fileText(id).getBytes(StandardCharsets.US_ASCII));
    }

    @PostMapping("/cashiering/files/ach-returns")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String importReturns(@RequestParam(name = "file", required = false) MultipartFile file, Model model) {
        try {
            AchReturns.ImportReport report = returns.importFile(name(file), content(file));
            model.addAttribute("returnReport", report);
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems().stream()
                    .map(p -> new FieldProblem("returnFile", p.reason())).toList());
        }
        return autopayPage(model);
    }

    @PostMapping("/api/v1/ach-return-files")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    @ResponseBody
    ResponseEntity<AchReturns.ImportReport> apiReturns(@RequestParam("file") MultipartFile file) {
        AchReturns.ImportReport report = returns.importFile(name(file), content(file));
        return ResponseEntity.status(report.alreadyImported() ? HttpStatus.OK : HttpStatus.CREATED).body(report);
    }

    // ---- returned checks

    @GetMapping("/cashiering/files/returned-checks")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String returnedChecksPage(@RequestParam(defaultValue = "") String checkNumber,
            @RequestParam(defaultValue = "") String accountNumber, Model model) {
        model.addAttribute("checkNumber", checkNumber);
        model.addAttribute("accountNumber", accountNumber);
        if (!checkNumber.isBlank()) {
            model.addAttribute("found", returnedChecks.find(checkNumber, accountNumber));
        }
        return "cashiering/files/returned-checks";
    }

    @PostMapping("/cashiering/files/returned-checks")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String enterReturnedCheck(@RequestParam long paymentId, @RequestParam(defaultValue = "") String checkNumber,
            @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String noticeDate,
            Model model, RedirectAttributes redirect) {
        try {
            PostedPayment p = returnedChecks.enter(paymentId, checkNumber, reason,
                    noticeDate.isBlank() ? null : date(noticeDate, "noticeDate"));
            redirect.addFlashAttribute("flash", "Payment " + p.paymentId() + " was returned: reversed, NSF fee charged, letter written.");
            return "redirect:/cashiering/files/returned-checks";
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
        } catch (Conflict e) {
            model.addAttribute("problems", List.of(new FieldProblem("reason", e.getMessage())));
        }
        return returnedChecksPage(checkNumber, "", model);
    }

    // ---- bank statements

    @GetMapping("/cashiering/files/bank-statements")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String statementsPage(Model model) {
        LocalDate today = time.today();
        model.addAttribute("files", statements.recentFiles(30));
        model.addAttribute("unmatched", statements.unmatched(200));
        model.addAttribute("notCredited", statements.expectedNotCredited(today.minusDays(10), today.minusDays(1)));
        return "cashiering/files/bank-statements";
    }

    @PostMapping("/cashiering/files/bank-statements")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String importStatement(@RequestParam(name = "file", required = false) MultipartFile file, Model model) {
        try {
            model.addAttribute("report", statements.importFile(name(file), content(file)));
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
        }
        return statementsPage(model);
    }

    @PostMapping("/cashiering/files/bank-statements/lines/{id}/resolve")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    String resolveLine(@PathVariable long id, @RequestParam(defaultValue = "") String note, Model model,
            RedirectAttributes redirect) {
        try {
            statements.resolve(id, note);
            redirect.addFlashAttribute("flash", "Bank statement line " + id + " was resolved.");
            return "redirect:/cashiering/files/bank-statements";
        } catch (BusinessRuleViolation | Conflict e) {
            model.addAttribute("problems", List.of(new FieldProblem("note-" + id, e.getMessage())));
            return statementsPage(model);
        }
    }

    @PostMapping("/api/v1/bank-statements")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    @ResponseBody
    ResponseEntity<BankStatements.ImportReport> apiStatement(@RequestParam("file") MultipartFile file) {
        BankStatements.ImportReport report = statements.importFile(name(file), content(file));
        return ResponseEntity.status(report.alreadyImported() ? HttpStatus.OK : HttpStatus.CREATED).body(report);
    }

    @GetMapping("/api/v1/bank-statements/unmatched")
    @PreAuthorize("hasAuthority('PAYMENT_FILES')")
    @ResponseBody
    List<BankStatements.Line> apiUnmatched() {
        return statements.unmatched(1000);
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BusinessRuleViolation("files.date", field, "Enter a date like 2026-12-01");
        }
    }

    private static String name(MultipartFile file) {
        return file == null ? null : file.getOriginalFilename();
    }

    private static byte[] content(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new BusinessRuleViolation("files.file", "file", "Choose a file to import");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new BusinessRuleViolation("files.file", "file", "The file could not be read: " + e.getMessage());
        }
    }
}

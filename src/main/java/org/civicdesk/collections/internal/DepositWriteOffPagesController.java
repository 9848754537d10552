package org.civicdesk.collections.internal;

import java.nio.charset.StandardCharsets;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.RecordNotFound;
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

/**
 * The staff pages of deposit review and write-off: the credit check and surety bond actions posted from the
 * account screen (a refusal comes back as the flash message naming why), and the write-offs and agency batches
 * page with the batch files to download.
 */
@Controller
class DepositWriteOffPagesController {

    private final Deposits deposits;
    private final WriteOffs writeOffs;

    DepositWriteOffPagesController(Deposits deposits, WriteOffs writeOffs) {
        this.deposits = deposits;
        this.writeOffs = writeOffs;
    }

    @PostMapping("/accounts/{accountNumber}/collections/credit-check")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    String creditCheck(@PathVariable String accountNumber, RedirectAttributes redirect) {
        Deposits.CreditCheckRun run = deposits.runCreditCheck(parse(accountNumber));
        return "redirect:/accounts/" + accountNumber + "/collections/deposit?creditCheck=" + run.result().name();
    }

    @PostMapping("/accounts/{accountNumber}/collections/deposit/bond-pending")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    String bondPending(@PathVariable String accountNumber, RedirectAttributes redirect) {
        try {
            Deposits.Deposit d = deposits.requireWithBondPending(parse(accountNumber));
            redirect.addFlashAttribute("flash", "Surety bond pending: " + d.amount().formatted() + " in cash charged; the bond or the rest of "
                    + d.bond().fullAmount().formatted() + " is due by " + d.bond().dueBy() + ".");
        } catch (BusinessRuleViolation | Conflict e) {
            redirect.addFlashAttribute("flash", "Refused: " + e.getMessage());
        }
        return "redirect:/accounts/" + accountNumber;
    }

    @PostMapping("/accounts/{accountNumber}/collections/deposit/bond-received")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    String bondReceived(@PathVariable String accountNumber, @RequestParam(required = false) String bondReference,
            RedirectAttributes redirect) {
        try {
            deposits.bondReceived(parse(accountNumber), bondReference);
            redirect.addFlashAttribute("flash", "Surety bond " + bondReference.trim() + " received; the cash month is credited to the account.");
        } catch (BusinessRuleViolation e) {
            redirect.addFlashAttribute("flash", "Refused: " + e.getMessage());
        }
        return "redirect:/accounts/" + accountNumber;
    }

    @GetMapping("/collections/write-offs")
    @PreAuthorize("hasAuthority('COLLECTIONS_VIEW')")
    String writeOffs(Model model) {
        model.addAttribute("writeOffs", writeOffs.recent(200));
        model.addAttribute("batches", writeOffs.batches(50));
        model.addAttribute("columns", WriteOffs.AGENCY_COLUMNS);
        model.addAttribute("canDownload", CurrentStaff.has(Permission.COLLECTIONS_MANAGE));
        return "collections/write-offs";
    }

    @GetMapping("/collections/agency-batches/{id}.csv")
    @PreAuthorize("hasAuthority('COLLECTIONS_MANAGE')")
    ResponseEntity<byte[]> agencyFile(@PathVariable long id) {
        byte[] csv = writeOffs.agencyFile(id).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"agency-batch-" + id + ".csv\"").body(csv);
    }

    private static AccountNumber parse(String accountNumber) {
        return AccountNumber.parse(accountNumber).orElseThrow(() -> new RecordNotFound("accountNumber", "No account " + accountNumber));
    }
}

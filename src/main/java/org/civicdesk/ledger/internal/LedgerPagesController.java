package org.civicdesk.ledger.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Side;
import org.civicdesk.ledger.TrialBalance;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Conflict;
import org.springframework.format.annotation.DateTimeFormat;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ledger's staff pages: trial balance, journal entries, manual entry, periods. */
@Controller
@RequestMapping("/ledger")
class LedgerPagesController {

    private static final int BLANK_LINES = 6;

    private final Ledger ledger;
    private final ManualEntries manualEntries;
    private final Clock clock;

    LedgerPagesController(Ledger ledger, ManualEntries manualEntries, Clock clock) {
        this.ledger = ledger;
        this.manualEntries = manualEntries;
        this.clock = clock;
    }

    @GetMapping("/trial-balance")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    String trialBalance(@RequestParam(defaultValue = "GENERAL") String fund,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model) {
        model.addAttribute("funds", ledger.funds());
        model.addAttribute("tb", ledger.trialBalance(fund, date == null ? LocalDate.now(clock) : date));
        return "ledger/trial-balance";
    }

    @GetMapping("/trial-balance.csv")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    ResponseEntity<byte[]> trialBalanceCsv(@RequestParam(defaultValue = "GENERAL") String fund,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        TrialBalance tb = ledger.trialBalance(fund, date == null ? LocalDate.now(clock) : date);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + TrialBalanceCsv.fileName(tb) + "\"")
                .body(TrialBalanceCsv.write(tb).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/entries")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    String entries(@RequestParam(required = false) String fund,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        model.addAttribute("funds", ledger.funds());
        model.addAttribute("fund", fund == null ? "" : fund);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("entries", ledger.entries(fund, from, to, 100));
        return "ledger/entries";
    }

    @GetMapping("/entries/{id}")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    String entry(@PathVariable long id, Model model) {
        showEntry(model, id);
        return "ledger/entry";
    }

    @PostMapping("/entries/{id}/reversal")
    @PreAuthorize("hasAuthority('LEDGER_POST_MANUAL')")
    String reverse(@PathVariable long id, @RequestParam(defaultValue = "") String reason, Model model,
            RedirectAttributes redirect) {
        try {
            PostedEntry reversal = StaffReversals.reverse(ledger, id, reason);
            redirect.addFlashAttribute("flash", "Entry " + id + " was reversed by entry " + reversal.id() + ".");
            return "redirect:/ledger/entries/" + reversal.id();
        } catch (BusinessRuleViolation e) {
            showEntry(model, id);
            model.addAttribute("problems", e.problems());
            return "ledger/entry";
        } catch (Conflict e) {
            showEntry(model, id);
            model.addAttribute("problems", List.of(new FieldProblem("reason", e.getMessage())));
            return "ledger/entry";
        }
    }

    private void showEntry(Model model, long id) {
        PostedEntry entry = ledger.entry(id);
        model.addAttribute("entry", entry);
        model.addAttribute("reversibleHere", StaffReversals.reversibleHere(entry));
    }

    /** The manual entry form, bound from request parameters such as {@code lines[0].account}. */
    public static class EntryForm {
        private String idempotencyKey;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate businessDate;
        private String memo;
        private List<LineForm> lines = new ArrayList<>();

        public String getIdempotencyKey() { return idempotencyKey; }
        public void setIdempotencyKey(String v) { idempotencyKey = v; }
        public LocalDate getBusinessDate() { return businessDate; }
        public void setBusinessDate(LocalDate v) { businessDate = v; }
        public String getMemo() { return memo; }
        public void setMemo(String v) { memo = v; }
        public List<LineForm> getLines() { return lines; }
        public void setLines(List<LineForm> v) { lines = v; }
    }

    /** One line of the form; {@code account} is "FUND/CODE". */
    public static class LineForm {
        private String account;
        private String side = "DEBIT";
        private String amount;
        private String receivableId;

        public String getAccount() { return account; }
        public void setAccount(String v) { account = v; }
        public String getSide() { return side; }
        public void setSide(String v) { side = v; }
        public String getAmount() { return amount; }
        public void setAmount(String v) { amount = v; }
        public String getReceivableId() { return receivableId; }
        public void setReceivableId(String v) { receivableId = v; }

        boolean blank() {
            return (account == null || account.isBlank()) && (amount == null || amount.isBlank());
        }
    }

    @GetMapping("/entries/new")
    @PreAuthorize("hasAuthority('LEDGER_POST_MANUAL')")
    String newEntry(Model model) {
        EntryForm form = new EntryForm();
        form.setIdempotencyKey("manual-" + UUID.randomUUID());
        form.setBusinessDate(LocalDate.now(clock));
        return showForm(form, List.of(), model);
    }

    private String showForm(EntryForm form, List<FieldProblem> problems, Model model) {
        while (form.getLines().size() < BLANK_LINES) {
            form.getLines().add(new LineForm());
        }
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("accounts", ledger.accounts(null));
        model.addAttribute("approvalLimit", manualEntries.approvalLimit());
        return "ledger/entry-new";
    }

    @PostMapping("/entries/new")
    @PreAuthorize("hasAuthority('LEDGER_POST_MANUAL')")
    String postEntry(@ModelAttribute("form") EntryForm form, Model model, RedirectAttributes redirect) {
        List<FieldProblem> problems = new ArrayList<>();
        List<ManualEntryPayload.Line> lines = new ArrayList<>();
        for (int i = 0; i < form.getLines().size(); i++) {
            LineForm l = form.getLines().get(i);
            if (l == null || l.blank()) {
                continue;
            }
            String at = "lines[" + i + "].";
            String[] account = l.getAccount() == null ? new String[0] : l.getAccount().split("/", 2);
            if (account.length != 2) {
                problems.add(new FieldProblem(at + "account", "Choose an account"));
            }
            BigDecimal amount = null;
            try {
                amount = new BigDecimal(l.getAmount() == null ? "" : l.getAmount().replace(",", "").replace("$", "").trim());
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem(at + "amount", "Give an amount in dollars and cents, e.g. 125.40"));
            }
            Long receivable = null;
            if (l.getReceivableId() != null && !l.getReceivableId().isBlank()) {
                try {
                    receivable = Long.valueOf(l.getReceivableId().trim());
                } catch (NumberFormatException e) {
                    problems.add(new FieldProblem(at + "receivableId", "A receivable number is digits only"));
                }
            }
            if (account.length == 2) {
                lines.add(new ManualEntryPayload.Line(account[0], account[1],
                        "CREDIT".equals(l.getSide()) ? Side.CREDIT : Side.DEBIT, amount, receivable));
            }
        }
        if (!problems.isEmpty()) {
            return showForm(form, problems, model);
        }
        try {
            ManualEntries.Outcome outcome = manualEntries.submit(new ManualEntryPayload(form.getIdempotencyKey(),
                    form.getBusinessDate(), form.getMemo(), lines));
            if (outcome instanceof ManualEntries.Outcome.Posted posted) {
                redirect.addFlashAttribute("flash", "Entry " + posted.entry().id() + " was posted.");
                return "redirect:/ledger/entries/" + posted.entry().id();
            }
            ManualEntries.Outcome.AwaitingApproval filed = (ManualEntries.Outcome.AwaitingApproval) outcome;
            redirect.addFlashAttribute("flash", "The entry is over the approval limit of $" + manualEntries.approvalLimit()
                    + "; it was filed as approval request " + filed.request().id() + " and posts when approved.");
            return "redirect:/ledger/entries";
        } catch (BusinessRuleViolation e) {
            return showForm(form, renumber(e.problems(), form), model);
        }
    }

    /** Lines were numbered without the blank ones; point problems at the form's own line numbers. */
    private static List<FieldProblem> renumber(List<FieldProblem> problems, EntryForm form) {
        List<Integer> filled = new ArrayList<>();
        for (int i = 0; i < form.getLines().size(); i++) {
            if (form.getLines().get(i) != null && !form.getLines().get(i).blank()) {
                filled.add(i);
            }
        }
        List<FieldProblem> result = new ArrayList<>();
        for (FieldProblem p : problems) {
            String field = p.field();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^lines\\[(\\d+)]").matcher(field);
            if (m.find() && Integer.parseInt(m.group(1)) < filled.size()) {
                field = "lines[" + filled.get(Integer.parseInt(m.group(1))) + "]" + field.substring(m.end());
            }
            result.add(new FieldProblem(field, p.reason()));
        }
        return result;
    }

    @GetMapping("/periods")
    @PreAuthorize("hasAuthority('LEDGER_VIEW')")
    String periods(Model model) {
        model.addAttribute("periods", ledger.periods());
        return "ledger/periods";
    }

    @PostMapping("/periods/{month}/close")
    @PreAuthorize("hasAuthority('LEDGER_CLOSE_PERIOD')")
    String close(@PathVariable String month, @RequestParam(defaultValue = "") String reason, Model model,
            RedirectAttributes redirect) {
        return changePeriod(month, reason, true, model, redirect);
    }

    @PostMapping("/periods/{month}/reopen")
    @PreAuthorize("hasAuthority('LEDGER_CLOSE_PERIOD')")
    String reopen(@PathVariable String month, @RequestParam(defaultValue = "") String reason, Model model,
            RedirectAttributes redirect) {
        return changePeriod(month, reason, false, model, redirect);
    }

    private String changePeriod(String month, String reason, boolean close, Model model, RedirectAttributes redirect) {
        try {
            var ym = LedgerApiController.month(month);
            if (close) {
                ledger.closePeriod(ym, reason);
            } else {
                ledger.reopenPeriod(ym, reason);
            }
            redirect.addFlashAttribute("flash", "Period " + ym + (close ? " was closed." : " was reopened."));
            return "redirect:/ledger/periods";
        } catch (BusinessRuleViolation | Conflict e) {
            model.addAttribute("periods", ledger.periods());
            model.addAttribute("problems", List.of(new FieldProblem("reason-" + month, e.getMessage())));
            model.addAttribute("failedMonth", month);
            return "ledger/periods";
        }
    }
}

package org.civicdesk.customer.internal.letters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.customer.LetterDelivery;
import org.civicdesk.customer.Letters;
import org.civicdesk.customer.internal.casework.AccountRecords;
import org.civicdesk.customer.internal.casework.AccountRecords.AccountRef;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
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

/** Staff pages: choose a template, preview the letter in the account's language, send it; view a letter's PDF. */
@Controller
class LetterPages {

    /** Values a person may give; the system fills the customer name, account number, address and date. */
    static final List<String> VALUE_FIELDS = List.of("amount", "dueDate", "caseNumber", "resolution", "message");

    private final Letters letters;
    private final AccountRecords accounts;

    LetterPages(Letters letters, AccountRecords accounts) {
        this.letters = letters;
        this.accounts = accounts;
    }

    @GetMapping("/accounts/{accountNumber}/letters/new")
    @PreAuthorize("hasAuthority('LETTER_SEND')")
    String newLetter(@PathVariable String accountNumber, @RequestParam(required = false) String template, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("templateCode", template == null ? "" : template);
        form.put("delivery", "AUTO");
        return form(accounts.requireNumber(accountNumber), form, null, List.of(), model);
    }

    private String form(AccountRef account, Map<String, String> form, Letters.Preview preview,
            List<FieldProblem> problems, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("preview", preview);
        model.addAttribute("problems", problems);
        model.addAttribute("templates", letters.templates("en"));
        model.addAttribute("valueFields", VALUE_FIELDS);
        model.addAttribute("deliveries", LetterDelivery.values());
        return "customer/letters-new";
    }

    @PostMapping("/accounts/{accountNumber}/letters/new")
    @PreAuthorize("hasAuthority('LETTER_SEND')")
    String sendLetter(@PathVariable String accountNumber, @RequestParam Map<String, String> form,
            @RequestParam(defaultValue = "preview") String action, Model model, RedirectAttributes redirect) {
        AccountRef account = accounts.requireNumber(accountNumber);
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : VALUE_FIELDS) {
            String v = form.get(f);
            if (v != null && !v.isBlank()) {
                values.put(f, v.trim());
            }
        }
        LetterDelivery delivery = LetterDelivery.AUTO;
        try {
            delivery = LetterDelivery.valueOf(form.getOrDefault("delivery", "AUTO"));
        } catch (IllegalArgumentException e) {
            return form(account, form, null, List.of(new FieldProblem("delivery", "Choose how to send the letter")), model);
        }
        try {
            if ("send".equals(action)) {
                Letters.Letter sent = letters.send(account.id(), form.get("templateCode"), values, delivery);
                redirect.addFlashAttribute("flash", "Letter " + sent.id() + " " + switch (sent.status()) {
                    case SENT -> "e-mailed to " + sent.emailTo() + ".";
                    case PRINTED -> "printed for the mail room.";
                    case SEND_FAILED -> "could not be e-mailed: " + sent.statusDetail();
                    case QUEUED, SENDING -> "is being e-mailed to " + sent.emailTo() + "; its status below shows when it was sent.";
                });
                return "redirect:/accounts/" + account.accountNumber();
            }
            return form(account, form, letters.preview(account.id(), form.get("templateCode"), values), List.of(), model);
        } catch (BusinessRuleViolation e) {
            List<FieldProblem> shown = new ArrayList<>();
            for (FieldProblem p : e.problems()) {
                shown.add(p.field().startsWith("values.") ? new FieldProblem(p.field().substring(7), p.reason()) : p);
            }
            return form(account, form, null, shown, model);
        }
    }

    @GetMapping("/letters/{id}.pdf")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        return pdfResponse(id, letters.pdf(id));
    }

    static ResponseEntity<byte[]> pdfResponse(long id, byte[] pdf) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"letter-" + id + ".pdf\"")
                .body(pdf);
    }
}

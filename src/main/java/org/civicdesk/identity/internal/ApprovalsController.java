package org.civicdesk.identity.internal;

import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Approvals;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The approvals inbox: requests the user may decide, and their own requests. */
@Controller
class ApprovalsController {

    private final Approvals approvals;

    ApprovalsController(Approvals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/approvals")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    String inbox(Model model) {
        model.addAttribute("inbox", approvals.inboxForCurrentUser());
        model.addAttribute("mine", approvals.requestedByCurrentUser(50));
        return "approvals/inbox";
    }

    @PostMapping("/approvals/{id}/approve")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    String approve(@PathVariable long id, @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        try {
            ApprovalRequest r = approvals.approve(id, note);
            redirect.addFlashAttribute("flash", "Approved and done: " + r.summary());
        } catch (BusinessRuleViolation e) {
            redirect.addFlashAttribute("flash", "Not approved: " + e.getMessage());
        }
        return "redirect:/approvals";
    }

    @PostMapping("/approvals/{id}/deny")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    String deny(@PathVariable long id, @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        try {
            ApprovalRequest r = approvals.deny(id, note);
            redirect.addFlashAttribute("flash", "Denied: " + r.summary());
        } catch (BusinessRuleViolation e) {
            redirect.addFlashAttribute("flash", "Not denied: " + e.getMessage());
        }
        return "redirect:/approvals";
    }

    @PostMapping("/approvals/{id}/withdraw")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    String withdraw(@PathVariable long id, RedirectAttributes redirect) {
        ApprovalRequest r = approvals.withdraw(id);
        redirect.addFlashAttribute("flash", "Withdrawn: " + r.summary());
        return "redirect:/approvals";
    }
}

package org.civicdesk.portal.internal;

import org.civicdesk.identity.CurrentStaff;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A specialist helps a caller with their portal login from the account screen; each action is audited. */
@Controller
class PortalAssistController {

    private final PortalAccounts portal;

    PortalAssistController(PortalAccounts portal) {
        this.portal = portal;
    }

    @PostMapping("/accounts/{number}/portal-logins/{loginId}/reset-link")
    @PreAuthorize("hasAuthority('PORTAL_ASSIST')")
    String sendResetLink(@PathVariable String number, @PathVariable long loginId, RedirectAttributes redirect) {
        String email = portal.staffSendResetLink(number, loginId);
        redirect.addFlashAttribute("flash", "A password reset link was sent to " + email + "; it works for one hour.");
        return "redirect:/accounts/" + number + "#portal-access-heading";
    }

    @PostMapping("/accounts/{number}/portal-logins/{loginId}/unlock")
    @PreAuthorize("hasAuthority('PORTAL_ASSIST')")
    String unlock(@PathVariable String number, @PathVariable long loginId, RedirectAttributes redirect) {
        portal.staffUnlock(number, loginId);
        redirect.addFlashAttribute("flash", "Portal login " + loginId + " is unlocked: failed sign-ins are forgotten.");
        return "redirect:/accounts/" + number + "#portal-access-heading";
    }

    @PostMapping("/accounts/{number}/portal-logins/{loginId}/unlink")
    @PreAuthorize("hasAuthority('PORTAL_ASSIST')")
    String unlink(@PathVariable String number, @PathVariable long loginId, RedirectAttributes redirect) {
        portal.staffUnlink(number, loginId, CurrentStaff.username().orElse("staff"));
        redirect.addFlashAttribute("flash", "Portal login " + loginId + " no longer sees account " + number + ".");
        return "redirect:/accounts/" + number + "#portal-access-heading";
    }
}

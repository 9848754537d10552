package org.civicdesk.cashiering.internal.web;

import java.math.BigDecimal;
import org.civicdesk.cashiering.internal.cards.TestCardProcessor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The TEST card processor's hosted payment step (a real processor hosts this page on its own site): the card
 * number is typed here, turned into a token and forgotten; CivicDesk's counter receives only the token, the
 * brand and the last four digits.
 */
@Controller
class TestCardProcessorController {

    private final TestCardProcessor processor;

    TestCardProcessorController(TestCardProcessor processor) {
        this.processor = processor;
    }

    @GetMapping("/test-card-processor/hosted")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    String page(@RequestParam(required = false) BigDecimal amount, Model model) {
        model.addAttribute("amount", amount);
        return "cashiering/test-card-processor";
    }

    @PostMapping("/test-card-processor/hosted")
    @PreAuthorize("hasAuthority('PAYMENT_TAKE')")
    String tokenise(@RequestParam(defaultValue = "") String cardNumber, @RequestParam(required = false) BigDecimal amount,
            Model model, RedirectAttributes redirect) {
        return processor.tokenise(cardNumber).map(t -> {
            redirect.addAttribute("cardToken", t.token());
            redirect.addAttribute("cardBrand", t.brand());
            redirect.addAttribute("cardLast4", t.last4());
            if (amount != null) {
                redirect.addAttribute("cardAmount", amount.toPlainString());
            }
            return "redirect:/cashiering";
        }).orElseGet(() -> {
            model.addAttribute("amount", amount);
            model.addAttribute("error", "That is not a valid card number (test processor: use 4242 4242 4242 4242).");
            return "cashiering/test-card-processor";
        });
    }

    /** Where the portal's hosted step may send the customer back: a portal account's card confirmation. */
    static final java.util.regex.Pattern PORTAL_RETURN = java.util.regex.Pattern.compile("/portal/accounts/[0-9]{10}/pay/card/confirm");

    /**
     * The same hosted step for a customer on the portal (under /portal, so that the portal's sign-in covers it):
     * it returns to the portal's confirmation page only, never to an address given by someone else.
     */
    @GetMapping("/portal/test-card-processor/hosted")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String portalPage(@RequestParam(required = false) BigDecimal amount, @RequestParam(defaultValue = "") String returnTo,
            Model model) {
        if (!PORTAL_RETURN.matcher(returnTo).matches()) {
            throw new org.civicdesk.platform.RecordNotFound("returnTo", "No such payment step");
        }
        model.addAttribute("amount", amount);
        model.addAttribute("returnTo", returnTo);
        return "cashiering/test-card-processor-portal";
    }

    @PostMapping("/portal/test-card-processor/hosted")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String portalTokenise(@RequestParam(defaultValue = "") String cardNumber, @RequestParam(required = false) BigDecimal amount,
            @RequestParam(defaultValue = "") String returnTo, Model model, RedirectAttributes redirect) {
        if (!PORTAL_RETURN.matcher(returnTo).matches()) {
            throw new org.civicdesk.platform.RecordNotFound("returnTo", "No such payment step");
        }
        return processor.tokenise(cardNumber).map(t -> {
            redirect.addAttribute("cardToken", t.token());
            redirect.addAttribute("cardBrand", t.brand());
            redirect.addAttribute("cardLast4", t.last4());
            if (amount != null) {
                redirect.addAttribute("amount", amount.toPlainString());
            }
            return "redirect:" + returnTo;
        }).orElseGet(() -> {
            model.addAttribute("amount", amount);
            model.addAttribute("returnTo", returnTo);
            model.addAttribute("invalid", true);
            return "cashiering/test-card-processor-portal";
        });
    }
}

package org.civicdesk.fieldservice.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The field specialist's phone-sized page: their orders, on my way, complete (with the reading when the order
 * needs one) or could not do (with the reason). Only their own orders (checked in FieldOrders).
 */
@Controller
@RequestMapping("/field")
class FieldController {

    private final DispatchBoard board;
    private final FieldOrders orders;
    private final Clock clock;

    FieldController(DispatchBoard board, FieldOrders orders, Clock clock) {
        this.board = board;
        this.orders = orders;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('FIELD_ORDER_UPDATE')")
    String mine(Authentication auth, Model model) {
        model.addAttribute("orders", board.mine(auth.getName(), LocalDate.now(clock)));
        return "fieldservice/field";
    }

    @PostMapping("/orders/{id}/en-route")
    @PreAuthorize("hasAuthority('FIELD_ORDER_UPDATE')")
    String enRoute(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            orders.startRoute(id, null);
            return "On your way to order " + id + ".";
        });
    }

    @PostMapping("/orders/{id}/complete")
    @PreAuthorize("hasAuthority('FIELD_ORDER_UPDATE')")
    String complete(@PathVariable long id, @RequestParam(required = false) String reading,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            orders.complete(id, reading, note);
            return "Order " + id + " is completed.";
        });
    }

    @PostMapping("/orders/{id}/fail")
    @PreAuthorize("hasAuthority('FIELD_ORDER_UPDATE')")
    String fail(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            orders.fail(id, reason);
            return "Order " + id + " is marked as not done.";
        });
    }

    private static String act(long id, RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("flash", action.get());
        } catch (BusinessRuleViolation e) {
            redirect.addFlashAttribute("problems", e.problems().stream().map(p -> new FieldProblem(
                    switch (p.field() == null ? "" : p.field()) {
                        case "reading", "readDate", "meterNumber" -> "reading-" + id;
                        case "reason" -> "reason-" + id;
                        default -> "order-heading-" + id;
                    }, "Order " + id + ": " + p.reason())).toList());
        }
        return "redirect:/field";
    }

}

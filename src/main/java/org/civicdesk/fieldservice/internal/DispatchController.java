package org.civicdesk.fieldservice.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.fieldservice.FieldOrder;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Conflict;
import org.springframework.format.annotation.DateTimeFormat;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dispatch board: the day's orders by area and specialist, filters, assign and reassign with a select per
 * order (keyboard friendly, no dragging needed), schedule, cancel, take in waiting work; live status through
 * htmx polling of /dispatch/live, which swaps each order's status cell out of band.
 */
@Controller
@RequestMapping("/dispatch")
class DispatchController {

    /** The filters as they come from the query string or the hidden fields of a form. */
    record BoardQuery(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, String area, String type,
            String status, String specialist) {
    }

    private final DispatchBoard board;
    private final FieldOrders orders;
    private final FieldOrderIntake intake;
    private final Clock clock;

    DispatchController(DispatchBoard board, FieldOrders orders, FieldOrderIntake intake, Clock clock) {
        this.board = board;
        this.orders = orders;
        this.intake = intake;
        this.clock = clock;
    }

    private DispatchBoard.Filters filters(BoardQuery q) {
        return new DispatchBoard.Filters(q.day() == null ? LocalDate.now(clock) : q.day(), q.area(), q.type(),
                q.status(), q.specialist());
    }

    @GetMapping
    @PreAuthorize("hasAuthority('FIELD_ORDERS_VIEW')")
    String board(@ModelAttribute BoardQuery query, Model model) {
        DispatchBoard.Board b = board.board(filters(query));
        model.addAttribute("board", b);
        model.addAttribute("cancelled", board.recentlyCancelledCollections());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("updatedAt", java.time.LocalTime.now(clock).withNano(0));
        return "fieldservice/dispatch";
    }

    /** Polled every few seconds: each shown order's status cell and specialist, out of band, and a changes notice. */
    @GetMapping("/live")
    @PreAuthorize("hasAuthority('FIELD_ORDERS_VIEW')")
    String live(@ModelAttribute BoardQuery query, @RequestParam(required = false) String shown, Model model) {
        List<FieldOrder> now = board.orders(filters(query));
        model.addAttribute("orders", now);
        model.addAttribute("changed", shown != null && !shown.equals(DispatchBoard.fingerprint(now)));
        model.addAttribute("updatedAt", java.time.LocalTime.now(clock).withNano(0));
        model.addAttribute("overdueCount", now.stream().filter(FieldOrder::overdue).count());
        model.addAttribute("cancelled", board.recentlyCancelledCollections());
        return "fieldservice/dispatch-live :: live";
    }

    @GetMapping("/orders/{id}")
    @PreAuthorize("hasAuthority('FIELD_ORDERS_VIEW')")
    String order(@PathVariable long id, Model model) {
        model.addAttribute("detail", orders.withHistory(id));
        return "fieldservice/order";
    }

    @PostMapping("/orders/{id}/assign")
    @PreAuthorize("hasAuthority('DISPATCH')")
    String assign(@PathVariable long id, @RequestParam(required = false) String assignee,
            @ModelAttribute BoardQuery query, RedirectAttributes redirect) {
        return act(id, query, redirect, () -> {
            FieldOrder o = orders.assign(id, assignee);
            return "Order " + id + " is dispatched to " + o.assignedTo() + ".";
        });
    }

    @PostMapping("/orders/{id}/schedule")
    @PreAuthorize("hasAuthority('DISPATCH')")
    String schedule(@PathVariable long id,
            @RequestParam(name = "scheduleDay", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate scheduleDay,
            @ModelAttribute BoardQuery query, RedirectAttributes redirect) {
        return act(id, query, redirect, () -> {
            orders.schedule(id, scheduleDay);
            return "Order " + id + " is scheduled for " + scheduleDay + ".";
        });
    }

    @PostMapping("/orders/{id}/cancel")
    @PreAuthorize("hasAuthority('DISPATCH')")
    String cancel(@PathVariable long id, @RequestParam(required = false) String reason, @ModelAttribute BoardQuery query,
            RedirectAttributes redirect) {
        return act(id, query, redirect, () -> {
            orders.cancel(id, reason);
            return "Order " + id + " is cancelled.";
        });
    }

    @PostMapping("/intake")
    @PreAuthorize("hasAuthority('DISPATCH')")
    String intake(@ModelAttribute BoardQuery query, RedirectAttributes redirect) {
        FieldOrderIntake.Result r = intake.takeIn();
        redirect.addFlashAttribute("flash", "Took in " + r.fromStartsAndStops() + " start and stop orders and "
                + r.fromRereads() + " rereads" + (r.skipped() > 0 ? "; " + r.skipped() + " left waiting" : "") + ".");
        return back(query);
    }

    private String act(long id, BoardQuery query, RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("flash", action.get());
        } catch (BusinessRuleViolation e) {
            // each problem points at the control of this order's row (specialist-12, reason-12 ...)
            redirect.addFlashAttribute("problems", e.problems().stream()
                    .map(p -> new FieldProblem(controlId(p.field(), id), "Order " + id + ": " + p.reason())).toList());
        } catch (Conflict e) {
            redirect.addFlashAttribute("problems", List.of(new FieldProblem("order-" + id, e.getMessage())));
        }
        return back(query);
    }

    private static String controlId(String field, long id) {
        return switch (field == null ? "" : field) {
            case "specialist" -> "specialist-" + id;
            case "reason" -> "reason-" + id;
            case "day" -> "schedule-" + id;
            default -> "order-" + id;
        };
    }

    private String back(BoardQuery q) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/dispatch");
        if (q.day() != null) {
            b.queryParam("day", q.day());
        }
        for (String[] p : new String[][] {{"area", q.area()}, {"type", q.type()}, {"status", q.status()},
                {"specialist", q.specialist()}}) {
            if (p[1] != null && !p[1].isBlank()) {
                b.queryParam(p[0], p[1]);
            }
        }
        return "redirect:" + b.encode().build().toUriString();
    }
}

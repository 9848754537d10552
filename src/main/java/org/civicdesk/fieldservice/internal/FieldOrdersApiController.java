package org.civicdesk.fieldservice.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.fieldservice.FieldOrder;
import org.civicdesk.fieldservice.FieldOrders;
import org.civicdesk.fieldservice.NewFieldOrder;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Field orders by API: a specialist's list and status updates (own orders only); dispatch creates and assigns. */
@RestController
@RequestMapping("/api/v1/field-orders")
@Tag(name = "Field orders")
class FieldOrdersApiController {

    /** A status update: EN_ROUTE, COMPLETED (reading when the order needs one), FAILED (reason) or CANCELLED (reason). */
    record StatusUpdate(String status, String reading, String note, String reason) {
    }

    /** An assignment to a field specialist. */
    record Assignment(String specialist) {
    }

    private final FieldOrders orders;
    private final DispatchBoard board;
    private final Clock clock;

    FieldOrdersApiController(FieldOrders orders, DispatchBoard board, Clock clock) {
        this.orders = orders;
        this.board = board;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('FIELD_ORDER_UPDATE')")
    @Operation(summary = "My orders: the unfinished ones and those finished today")
    List<FieldOrder> mine(Authentication auth) {
        return board.mine(auth.getName(), LocalDate.now(clock));
    }

    @GetMapping("/board")
    @PreAuthorize("hasAuthority('FIELD_ORDERS_VIEW')")
    @Operation(summary = "The dispatch board's orders of a day (default today), with the board's filters")
    List<FieldOrder> day(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @RequestParam(required = false) String area, @RequestParam(required = false) String type,
            @RequestParam(required = false) String status, @RequestParam(required = false) String specialist) {
        return board.orders(new DispatchBoard.Filters(day == null ? LocalDate.now(clock) : day, area, type, status,
                specialist));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('FIELD_ORDERS_VIEW')")
    @Operation(summary = "One order with its steps")
    FieldOrder.WithHistory one(@PathVariable long id) {
        return orders.withHistory(id);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('DISPATCH')")
    @Operation(summary = "Create an order: 201; the same source and sourceReference again return the first order (200)")
    ResponseEntity<FieldOrder> create(@RequestBody NewFieldOrder order) {
        boolean known = order.source() != null && order.sourceReference() != null
                && orders.bySource(order.source(), order.sourceReference()).isPresent();
        FieldOrder made = orders.create(order);
        return ResponseEntity.status(known ? HttpStatus.OK : HttpStatus.CREATED).body(made);
    }

    @PostMapping("/{id}/assignment")
    @PreAuthorize("hasAuthority('DISPATCH')")
    @Operation(summary = "Assign or reassign the order to a field specialist (it is dispatched to them)")
    FieldOrder assign(@PathVariable long id, @RequestBody Assignment assignment) {
        return orders.assign(id, assignment.specialist());
    }

    @PostMapping("/{id}/status")
    @PreAuthorize("hasAnyAuthority('FIELD_ORDER_UPDATE', 'DISPATCH')")
    @Operation(summary = "Move the order: EN_ROUTE, COMPLETED, FAILED; CANCELLED needs DISPATCH. 422 names the field; "
            + "a specialist may update only orders assigned to them (403)")
    FieldOrder status(@PathVariable long id, @RequestBody StatusUpdate update) {
        String to = update.status() == null ? "" : update.status().trim().toUpperCase();
        return switch (to) {
            case "EN_ROUTE" -> orders.startRoute(id, update.note());
            case "COMPLETED" -> orders.complete(id, update.reading(), update.note());
            case "FAILED" -> orders.fail(id, update.reason());
            case "CANCELLED" -> {
                if (!CurrentStaff.has(Permission.DISPATCH)) {
                    throw new AccessDeniedException("cancelling a field order needs DISPATCH");
                }
                yield orders.cancel(id, update.reason());
            }
            default -> throw new BusinessRuleViolation("field-order.invalid", "status",
                    "status is EN_ROUTE, COMPLETED, FAILED or CANCELLED, not " + update.status());
        };
    }
}

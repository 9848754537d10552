package org.civicdesk.billing.internal.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bill runs over the API: start (TRIAL or ISSUE), follow, cancel, list exceptions. */
@RestController
@RequestMapping("/api/v1/bill-runs")
@Tag(name = "Bill runs", description = "Trial and issuing bill runs per billing cycle")
class BillRunApiController {

    record StartBody(Integer cycle, String mode, LocalDate cutoffDate, LocalDate billDate) {
    }

    private final BillRuns runs;

    BillRunApiController(BillRuns runs) {
        this.runs = runs;
    }

    @PostMapping
    @PreAuthorize("hasAuthority('BILL_RUN')")
    @Operation(summary = "Start a bill run", description = "409 when the cycle already has a run going; 422 on bad "
            + "dates (cutoff in the future, bill date before the cutoff) or a cycle outside 1-20.")
    ResponseEntity<BillRunView> start(@RequestBody StartBody body) {
        BillRunView run = runs.start(new BillRuns.StartRun(body.cycle(), body.mode(), body.cutoffDate(), body.billDate()));
        return ResponseEntity.created(URI.create("/api/v1/bill-runs/" + run.id())).body(run);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    List<BillRunView> list(@RequestParam(defaultValue = "50") int limit) {
        return runs.runs(limit);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    BillRunView run(@PathVariable long id) {
        return runs.run(id);
    }

    @GetMapping("/{id}/exceptions")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    Map<String, Object> exceptions(@PathVariable long id, @RequestParam(defaultValue = "500") int limit) {
        runs.run(id);
        return Map.of("counts", runs.exceptionCounts(id), "exceptions", runs.exceptions(id, limit));
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAuthority('BILL_RUN')")
    BillRunView cancel(@PathVariable long id) {
        return runs.cancel(id);
    }
}

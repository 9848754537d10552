package org.civicdesk.billrun.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Conflict;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The bill run pages: the list with the start form, and one run with its live progress (htmx polling). */
@Controller
@RequestMapping("/bill-runs")
class BillRunPagesController {

    private final BillRuns runs;
    private final Clock clock;

    BillRunPagesController(BillRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    String list(Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("runs", runs.runs(50));
        model.addAttribute("form", new BillRuns.StartRun(null, "TRIAL", today, today));
        return "billing/runs";
    }

    @PostMapping
    @PreAuthorize("hasAuthority('BILL_RUN')")
    String start(@RequestParam(required = false) Integer cycle, @RequestParam(defaultValue = "") String mode,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate cutoffDate,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate billDate,
            Model model, RedirectAttributes redirect) {
        BillRuns.StartRun form = new BillRuns.StartRun(cycle, mode, cutoffDate, billDate);
        try {
            BillRunView run = runs.start(form);
            redirect.addFlashAttribute("flash", "Bill run " + run.id() + " started for cycle " + run.cycle() + ".");
            return "redirect:/bill-runs/" + run.id();
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
        } catch (Conflict e) {
            model.addAttribute("problems", List.of(new FieldProblem("cycle", e.getMessage())));
        }
        model.addAttribute("runs", runs.runs(50));
        model.addAttribute("form", form);
        return "billing/runs";
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    String run(@PathVariable long id, Model model) {
        fill(id, model);
        model.addAttribute("exceptions", runs.exceptions(id, 200));
        return "billing/run";
    }

    /**
     * The progress panel alone, polled every second by htmx while the run is going. Once the run has ended the
     * whole page is reloaded (HX-Refresh): its exceptions table and cancel button are outside the panel.
     */
    @GetMapping("/{id}/progress")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        fill(id, model);
        if (!((BillRunView) model.getAttribute("run")).running()) {
            response.setHeader("HX-Refresh", "true");
        }
        return "billing/run-progress :: progress";
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAuthority('BILL_RUN')")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        try {
            runs.cancel(id);
            redirect.addFlashAttribute("flash", "Bill run " + id + " was cancelled; bills already issued stay issued.");
        } catch (Conflict e) {
            redirect.addFlashAttribute("flash", e.getMessage());
        }
        return "redirect:/bill-runs/" + id;
    }

    private void fill(long id, Model model) {
        model.addAttribute("run", runs.run(id));
        model.addAttribute("counts", runs.exceptionCounts(id));
    }
}

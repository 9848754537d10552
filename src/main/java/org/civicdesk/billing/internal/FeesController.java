package org.civicdesk.billing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.billing.Fee;
import org.civicdesk.billing.FeeSchedule;
import org.civicdesk.platform.BusinessTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The fee schedule, readable by every staff role: staff quote fees at the counter. */
@Controller
@Tag(name = "Fees")
class FeesController {

    private final FeeSchedule fees;
    private final BusinessTime time;

    FeesController(FeeSchedule fees, BusinessTime time) {
        this.fees = fees;
        this.time = time;
    }

    @GetMapping("/fees")
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    String page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model) {
        LocalDate on = date == null ? time.today() : date;
        model.addAttribute("date", on);
        model.addAttribute("fees", fees.allOn(on));
        model.addAttribute("history", fees.history());
        return "billing/fees";
    }

    @GetMapping(path = "/api/v1/fees", produces = "application/json")
    @ResponseBody
    @PreAuthorize("hasAuthority('STAFF_HOME')")
    @Operation(summary = "Fees in force on a date (default today)")
    List<Fee> api(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return fees.allOn(date == null ? time.today() : date);
    }
}

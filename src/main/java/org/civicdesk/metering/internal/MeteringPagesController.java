package org.civicdesk.metering.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Conflict;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages: meters (list, detail with installs and reads, install, remove, exchange), read import, exception queue. */
@Controller
class MeteringPagesController {

    private final MeterDesk meters;
    private final ReadDesk reads;
    private final ReadImports imports;

    MeteringPagesController(MeterDesk meters, ReadDesk reads, ReadImports imports) {
        this.meters = meters;
        this.reads = reads;
        this.imports = imports;
    }

    @GetMapping("/meters")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    String list(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("meters", meters.find(q, 100));
        model.addAttribute("canManage", CurrentStaff.has(Permission.METERS_MANAGE));
        model.addAttribute("form", Map.of());
        return "metering/meters";
    }

    @PostMapping("/meters")
    @PreAuthorize("hasAuthority('METERS_MANAGE')")
    String add(@RequestParam Map<String, String> form, Model model) {
        try {
            MeterDesk.Meter m = meters.add(new MeterDesk.NewMeter(form.get("meterNumber"), form.get("serviceType"),
                    form.get("serial"), form.get("manufacturer"), integer(form.get("dialCount"), "dialCount"),
                    decimal(form.get("multiplier"), "multiplier"), "on".equals(form.get("hasDemand")),
                    decimal(form.get("sizeInches"), "sizeInches")));
            return "redirect:/meters/" + m.meterNumber();
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
        } catch (Conflict e) {
            model.addAttribute("problems", List.of(new FieldProblem("meterNumber", e.getMessage())));
        }
        model.addAttribute("q", "");
        model.addAttribute("meters", meters.find("", 100));
        model.addAttribute("canManage", true);
        model.addAttribute("form", form);
        return "metering/meters";
    }

    @GetMapping("/meters/{number}")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    String detail(@PathVariable String number, Model model) {
        return detailPage(number, model, List.of());
    }

    private String detailPage(String number, Model model, List<FieldProblem> problems) {
        MeterDesk.Meter m = meters.meter(number);
        model.addAttribute("meter", m);
        model.addAttribute("installs", meters.installs(m.id()));
        model.addAttribute("reads", reads.readsOfMeter(m.meterNumber(), 60));
        model.addAttribute("canManage", CurrentStaff.has(Permission.METERS_MANAGE));
        model.addAttribute("canRead", CurrentStaff.has(Permission.READS_ENTER));
        model.addAttribute("problems", problems);
        return "metering/meter";
    }

    @PostMapping("/meters/{number}/install")
    @PreAuthorize("hasAuthority('METERS_MANAGE')")
    String install(@PathVariable String number, @RequestParam Map<String, String> form, Model model) {
        return act(number, model, () -> meters.install(number, longOf(form.get("premiseId"), "premiseId"),
                date(form.get("date"), "date"), decimal(form.get("initialReading"), "initialReading")));
    }

    @PostMapping("/meters/{number}/remove")
    @PreAuthorize("hasAuthority('METERS_MANAGE')")
    String remove(@PathVariable String number, @RequestParam Map<String, String> form, Model model) {
        return act(number, model, () -> meters.remove(number, date(form.get("date"), "date"),
                decimal(form.get("finalReading"), "finalReading")));
    }

    @PostMapping("/meters/{number}/exchange")
    @PreAuthorize("hasAuthority('METERS_MANAGE')")
    String exchange(@PathVariable String number, @RequestParam Map<String, String> form, Model model) {
        MeterDesk.Meter[] after = new MeterDesk.Meter[1];
        String page = act(number, model, () -> after[0] = meters.exchange(number, form.get("newMeterNumber"),
                date(form.get("date"), "date"), decimal(form.get("finalReading"), "finalReading"),
                decimal(form.get("initialReading"), "initialReading")));
        return after[0] == null ? page : "redirect:/meters/" + after[0].meterNumber();
    }

    /** A read entered on the meter page or the account screen; back to where it came from. */
    @PostMapping("/meters/{number}/reads")
    @PreAuthorize("hasAuthority('READS_ENTER')")
    String enterRead(@PathVariable String number, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes flash) {
        String account = form.get("accountNumber");
        try {
            ReadDesk.Read r = reads.enter(account, number, form.get("readDate"), form.get("reading"),
                    form.getOrDefault("readType", "ACTUAL"), form.get("demandKw"), "SCREEN");
            flash.addFlashAttribute("readMessage", "Read " + r.id() + " recorded: " + r.status().toLowerCase()
                    + (r.exceptionReason() == null ? "" : " (" + r.exceptionReason() + ")"));
        } catch (BusinessRuleViolation e) {
            if (account == null || account.isBlank()) {
                return detailPage(number, model, e.problems());
            }
            flash.addFlashAttribute("readMessage", "Read not recorded: " + e.problems().get(0).reason());
        }
        return account == null || account.isBlank() ? "redirect:/meters/" + number : "redirect:/accounts/" + account;
    }

    private interface Action {
        void run();
    }

    private String act(String number, Model model, Action action) {
        try {
            action.run();
            return "redirect:/meters/" + number;
        } catch (BusinessRuleViolation e) {
            return detailPage(number, model, e.problems());
        } catch (Conflict e) {
            return detailPage(number, model, List.of(new FieldProblem("date", e.getMessage())));
        }
    }

    @GetMapping("/reads/import")
    @PreAuthorize("hasAuthority('READS_ENTER')")
    String importPage(Model model) {
        model.addAttribute("recent", imports.recent(20));
        return "metering/import";
    }

    @PostMapping("/reads/import")
    @PreAuthorize("hasAuthority('READS_ENTER')")
    String upload(@RequestParam("file") MultipartFile file, Model model) {
        try {
            ReadImports.ImportReport report = imports.importFile(file.getOriginalFilename(), file.getBytes());
            model.addAttribute("report", report);
            return "metering/import-report";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BusinessRuleViolation e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("recent", imports.recent(20));
            return "metering/import";
        }
    }

    @GetMapping("/reads/imports/{id}")
    @PreAuthorize("hasAuthority('READS_ENTER')")
    String report(@PathVariable long id, Model model) {
        model.addAttribute("report", imports.report(id));
        return "metering/import-report";
    }

    @GetMapping("/reads/exceptions")
    @PreAuthorize("hasAuthority('READS_ENTER')")
    String exceptions(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("held", reads.exceptions(q, 200));
        model.addAttribute("count", reads.exceptionCount(q));
        return "metering/exceptions";
    }

    @PostMapping("/reads/{id}/accept")
    @PreAuthorize("hasAuthority('READS_ENTER')")
    String accept(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes flash) {
        return work(flash, () -> reads.accept(id, note), "Read " + id + " accepted");
    }

    @PostMapping("/reads/{id}/correct")
    @PreAuthorize("hasAuthority('READS_ENTER')")
    String correct(@PathVariable long id, @RequestParam(required = false) String reading,
            @RequestParam(required = false) String note, RedirectAttributes flash) {
        return work(flash, () -> reads.correct(id, reading, note), "Read " + id + " corrected");
    }

    @PostMapping("/reads/{id}/reread")
    @PreAuthorize("hasAuthority('READS_ENTER')")
    String reread(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes flash) {
        return work(flash, () -> reads.requestReread(id, note), "Reread requested for read " + id);
    }

    private String work(RedirectAttributes flash, Action action, String done) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (BusinessRuleViolation e) {
            flash.addFlashAttribute("error", e.problems().get(0).reason());
        } catch (Conflict e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/reads/exceptions";
    }

    static BigDecimal decimal(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw new BusinessRuleViolation("meters.invalid", field, "'" + s + "' is not a number");
        }
    }

    static Integer integer(String s, String field) {
        BigDecimal d = decimal(s, field);
        return d == null ? null : d.intValue();
    }

    static long longOf(String s, String field) {
        BigDecimal d = decimal(s, field);
        if (d == null) {
            throw new BusinessRuleViolation("meters.invalid", field, "required");
        }
        return d.longValue();
    }

    static LocalDate date(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new BusinessRuleViolation("meters.invalid", field, "'" + s + "' is not a date (yyyy-mm-dd)");
        }
    }
}

package org.civicdesk.billing.internal.tariff;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages: the book, one schedule's history, adding a version, and the 'what would this cost' calculator. */
@Controller
@RequestMapping("/tariffs")
class TariffPagesController {

    /** Options the calculator offers, with their labels. */
    static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("RENEWABLE_RIDER", "Renewable rider (1 = opted in)");
        OPTIONS.put("METER_SIZE", "Meter size in inches (0.625, 1, 2)");
        OPTIONS.put("EXTRA_REFUSE_BARRELS", "Extra refuse barrels");
        OPTIONS.put("GREEN_WASTE_BARRELS", "Green-waste barrels");
        OPTIONS.put("BIN_YARDS", "Bin size in yards (3, 4, 6, 8)");
        OPTIONS.put("PICKUPS_PER_WEEK", "Pickups per week");
        OPTIONS.put("EXTRA_PICKUPS", "Extra pickups");
        OPTIONS.put("IRRIGATION_SEASONS", "Irrigation seasons");
    }

    private final CachedTariffs tariffs;
    private final TariffAdministration administration;
    private final BusinessTime time;

    TariffPagesController(CachedTariffs tariffs, TariffAdministration administration, BusinessTime time) {
        this.tariffs = tariffs;
        this.administration = administration;
        this.time = time;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    String book(Model model) {
        return bookPage(model, List.of());
    }

    @PostMapping("/adjusters")
    @PreAuthorize("hasAuthority('TARIFF_EDIT')")
    String addAdjusterPrice(@RequestParam(defaultValue = "") String adjusterCode,
            @RequestParam(defaultValue = "") String effectiveFrom,
            @RequestParam(defaultValue = "") String price,
            @RequestParam(defaultValue = "") String note, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate from = date(effectiveFrom, "adjuster.effectiveFrom", "Effective from", problems);
        BigDecimal value = number(price, "adjuster.price", "Price", problems);
        if (value == null && problems.stream().noneMatch(p -> p.field().equals("adjuster.price"))) {
            problems.add(new FieldProblem("adjuster.price", "Give the price per unit."));
        }
        if (problems.isEmpty()) {
            try {
                AdjusterVersion added = administration.addAdjusterVersion(adjusterCode, from, value, note);
                redirect.addFlashAttribute("flash", "Added " + added.label() + ".");
                return "redirect:/tariffs";
            } catch (BusinessRuleViolation e) {
                e.problems().forEach(p -> problems.add(new FieldProblem("adjuster." + p.field(), p.reason())));
            } catch (RecordNotFound e) {
                problems.add(new FieldProblem("adjuster.adjusterCode", e.getMessage()));
            }
        }
        response.setStatus(422);
        return bookPage(model, problems);
    }

    @PostMapping("/taxes")
    @PreAuthorize("hasAuthority('TARIFF_EDIT')")
    String addTaxRate(@RequestParam(defaultValue = "") String jurisdiction,
            @RequestParam(defaultValue = "") String effectiveFrom,
            @RequestParam(defaultValue = "") String percent,
            @RequestParam(defaultValue = "") String description, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate from = date(effectiveFrom, "tax.effectiveFrom", "Effective from", problems);
        BigDecimal value = number(percent, "tax.rate", "Rate", problems);
        if (value == null && problems.stream().noneMatch(p -> p.field().equals("tax.rate"))) {
            problems.add(new FieldProblem("tax.rate", "Give the rate in percent, e.g. 5.6."));
        }
        if (problems.isEmpty()) {
            try {
                TaxRate added = administration.addTaxRate(jurisdiction, from, value.movePointLeft(2), description);
                redirect.addFlashAttribute("flash", "Added the " + added.jurisdiction() + " rate from " + added.effectiveFrom() + ".");
                return "redirect:/tariffs";
            } catch (BusinessRuleViolation e) {
                e.problems().forEach(p -> problems.add(new FieldProblem("tax." + p.field(), p.reason())));
            }
        }
        response.setStatus(422);
        return bookPage(model, problems);
    }

    private String bookPage(Model model, List<FieldProblem> problems) {
        model.addAttribute("problems", problems);
        TariffSnapshot book = tariffs.snapshot();
        model.addAttribute("schedules", book.schedules());
        model.addAttribute("adjusters", book.adjusters());
        model.addAttribute("taxRates", book.taxRates());
        model.addAttribute("today", time.today());
        return "billing/tariffs";
    }

    @GetMapping("/{code}")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    String schedule(@PathVariable String code, Model model) {
        model.addAttribute("schedule", schedule(code));
        model.addAttribute("today", time.today());
        return "billing/tariff";
    }

    @GetMapping("/{code}/versions/new")
    @PreAuthorize("hasAuthority('TARIFF_EDIT')")
    String newVersion(@PathVariable String code, Model model) {
        RateSchedule schedule = schedule(code);
        VersionForm form = new VersionForm();
        schedule.latest().ifPresent(v -> v.charges().forEach(c -> form.charges.add(ChargeForm.of(c))));
        return versionForm(schedule, form, List.of(), model);
    }

    @PostMapping("/{code}/versions")
    @PreAuthorize("hasAuthority('TARIFF_EDIT')")
    String addVersion(@PathVariable String code, @ModelAttribute VersionForm form, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        RateSchedule schedule = schedule(code);
        List<FieldProblem> problems = new ArrayList<>();
        NewVersion version = form.toNewVersion(problems);
        if (problems.isEmpty()) {
            try {
                ScheduleVersion added = administration.addVersion(code, version);
                redirect.addFlashAttribute("flash", "Added " + added.label() + ".");
                return "redirect:/tariffs/" + code;
            } catch (BusinessRuleViolation e) {
                problems.addAll(e.problems());
            }
        }
        response.setStatus(422);
        return versionForm(schedule, form, problems, model);
    }

    @GetMapping("/calculator")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    String calculator(@ModelAttribute("calc") CalculatorForm form, Model model,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        model.addAttribute("codes", tariffs.snapshot().scheduleCodes());
        model.addAttribute("optionLabels", OPTIONS);
        if (form.getRateSchedule() != null && !form.getRateSchedule().isBlank()) {
            List<FieldProblem> problems = new ArrayList<>();
            RatingRequest request = form.toRequest(problems);
            if (problems.isEmpty()) {
                try {
                    RatedService rated = tariffs.snapshot().rate(request);
                    model.addAttribute("rated", rated);
                } catch (BusinessRuleViolation e) {
                    problems.addAll(e.problems());
                }
            }
            model.addAttribute("problems", problems);
        } else {
            LocalDate today = time.today();
            form.setReadDate(today.toString());
            form.setPreviousReadDate(today.minusDays(30).toString());
        }
        return htmx != null ? "billing/tariff-calculator :: result" : "billing/tariff-calculator";
    }

    private String versionForm(RateSchedule schedule, VersionForm form, List<FieldProblem> problems, Model model) {
        while (form.charges.size() < 1 || !form.charges.get(form.charges.size() - 1).isBlank()) {
            form.charges.add(new ChargeForm());
        }
        model.addAttribute("schedule", schedule);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("kinds", ChargeKind.values());
        model.addAttribute("accounts", List.of("4010", "4020", "4030", "4040", "2100"));
        model.addAttribute("adjusterCodes", tariffs.snapshot().adjusters().keySet());
        return "billing/tariff-version-new";
    }

    private RateSchedule schedule(String code) {
        TariffSnapshot book = tariffs.snapshot();
        if (!book.scheduleCodes().contains(code)) {
            throw new RecordNotFound("code", "There is no rate schedule " + code + ".");
        }
        return book.schedule(code);
    }

    static BigDecimal number(String text, String field, String label, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim().replace(",", "").replace("$", ""));
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, label + ": give a number, e.g. 4.35"));
            return null;
        }
    }

    static LocalDate date(String text, String field, String label, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem(field, label + ": give a date."));
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, label + ": give a date as yyyy-mm-dd."));
            return null;
        }
    }

    /** The add-a-version form, bound from parameters such as charges[2].price. */
    public static class VersionForm {
        private String effectiveFrom;
        private String note;
        private List<ChargeForm> charges = new ArrayList<>();

        public String getEffectiveFrom() { return effectiveFrom; }
        public void setEffectiveFrom(String v) { effectiveFrom = v; }
        public String getNote() { return note; }
        public void setNote(String v) { note = v; }
        public List<ChargeForm> getCharges() { return charges; }
        public void setCharges(List<ChargeForm> v) { charges = v; }

        NewVersion toNewVersion(List<FieldProblem> problems) {
            LocalDate from = date(effectiveFrom, "effectiveFrom", "Effective from", problems);
            List<NewCharge> list = new ArrayList<>();
            // blank rows are left out; the remaining rows keep their numbers so errors point at the right row
            List<ChargeForm> kept = charges.stream().filter(c -> !c.isBlank()).toList();
            charges = new ArrayList<>(kept);
            for (int i = 0; i < kept.size(); i++) {
                list.add(kept.get(i).toNewCharge("charges[" + i + "].", "Line " + (i + 1), problems));
            }
            return new NewVersion(from, note, list);
        }
    }

    /** One row of the form. */
    public static class ChargeForm {
        private String part;
        private String kind;
        private String description;
        private String season = "ALL";
        private String unit;
        private String price;
        private String tierFrom;
        private String tierTo;
        private String threshold;
        private String adjusterCode;
        private String optionCode;
        private String optionValue;
        private String multiplier;
        private boolean taxable;
        private String account;

        static ChargeForm of(Charge c) {
            ChargeForm f = new ChargeForm();
            f.part = c.part();
            f.kind = c.kind().name();
            f.description = c.description();
            f.season = c.season().name();
            f.unit = c.unit();
            f.price = text(c.price());
            f.tierFrom = text(c.tierFrom());
            f.tierTo = text(c.tierTo());
            f.threshold = text(c.threshold());
            f.adjusterCode = c.adjusterCode();
            f.optionCode = c.optionCode();
            f.optionValue = text(c.optionValue());
            f.multiplier = text(c.multiplier());
            f.taxable = c.taxable();
            f.account = c.account();
            return f;
        }

        private static String text(BigDecimal v) {
            return v == null ? null : RatingEngine.plain(v);
        }

        boolean isBlank() {
            return blank(part) && blank(kind) && blank(description) && blank(price) && blank(unit);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        NewCharge toNewCharge(String at, String label, List<FieldProblem> problems) {
            return new NewCharge(part, kind, description, season, unit, number(price, at + "price", label + " price", problems),
                    number(tierFrom, at + "tierFrom", label + " from", problems),
                    number(tierTo, at + "tierTo", label + " to", problems),
                    number(threshold, at + "threshold", label + " threshold", problems), adjusterCode, optionCode,
                    number(optionValue, at + "optionValue", label + " option value", problems),
                    number(multiplier, at + "multiplier", label + " multiplier", problems), taxable, account);
        }

        public String getPart() { return part; }
        public void setPart(String v) { part = v; }
        public String getKind() { return kind; }
        public void setKind(String v) { kind = v; }
        public String getDescription() { return description; }
        public void setDescription(String v) { description = v; }
        public String getSeason() { return season; }
        public void setSeason(String v) { season = v; }
        public String getUnit() { return unit; }
        public void setUnit(String v) { unit = v; }
        public String getPrice() { return price; }
        public void setPrice(String v) { price = v; }
        public String getTierFrom() { return tierFrom; }
        public void setTierFrom(String v) { tierFrom = v; }
        public String getTierTo() { return tierTo; }
        public void setTierTo(String v) { tierTo = v; }
        public String getThreshold() { return threshold; }
        public void setThreshold(String v) { threshold = v; }
        public String getAdjusterCode() { return adjusterCode; }
        public void setAdjusterCode(String v) { adjusterCode = v; }
        public String getOptionCode() { return optionCode; }
        public void setOptionCode(String v) { optionCode = v; }
        public String getOptionValue() { return optionValue; }
        public void setOptionValue(String v) { optionValue = v; }
        public String getMultiplier() { return multiplier; }
        public void setMultiplier(String v) { multiplier = v; }
        public boolean isTaxable() { return taxable; }
        public void setTaxable(boolean v) { taxable = v; }
        public String getAccount() { return account; }
        public void setAccount(String v) { account = v; }
    }

    /** The calculator's fields, as typed. */
    public static class CalculatorForm {
        private String rateSchedule;
        private String previousReadDate;
        private String readDate;
        private String consumption;
        private String demandKw;
        private String winterQuarterAverage;
        private boolean firstBill;
        private Map<String, String> options = new LinkedHashMap<>();

        RatingRequest toRequest(List<FieldProblem> problems) {
            LocalDate previous = date(previousReadDate, "previousReadDate", "Previous read date", problems);
            LocalDate read = date(readDate, "readDate", "Read date", problems);
            Map<String, BigDecimal> opts = new LinkedHashMap<>();
            options.forEach((code, value) -> {
                if (OPTIONS.containsKey(code)) {
                    BigDecimal v = number(value, "options." + code, OPTIONS.get(code), problems);
                    if (v != null) {
                        opts.put(code, v);
                    }
                }
            });
            return new RatingRequest(rateSchedule, previous, read,
                    number(consumption, "consumption", "Consumption", problems),
                    number(demandKw, "demandKw", "Billed demand", problems),
                    number(winterQuarterAverage, "winterQuarterAverage", "Winter quarter average", problems), opts,
                    firstBill);
        }

        public String getRateSchedule() { return rateSchedule; }
        public void setRateSchedule(String v) { rateSchedule = v; }
        public String getPreviousReadDate() { return previousReadDate; }
        public void setPreviousReadDate(String v) { previousReadDate = v; }
        public String getReadDate() { return readDate; }
        public void setReadDate(String v) { readDate = v; }
        public String getConsumption() { return consumption; }
        public void setConsumption(String v) { consumption = v; }
        public String getDemandKw() { return demandKw; }
        public void setDemandKw(String v) { demandKw = v; }
        public String getWinterQuarterAverage() { return winterQuarterAverage; }
        public void setWinterQuarterAverage(String v) { winterQuarterAverage = v; }
        public boolean isFirstBill() { return firstBill; }
        public void setFirstBill(boolean v) { firstBill = v; }
        public Map<String, String> getOptions() { return options; }
        public void setOptions(Map<String, String> v) { options = v; }
    }
}

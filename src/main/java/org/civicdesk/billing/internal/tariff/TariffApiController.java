package org.civicdesk.billing.internal.tariff;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.civicdesk.billing.RatedLine;
import org.civicdesk.billing.RatedService;
import org.civicdesk.billing.RatingRequest;
import org.civicdesk.billing.TaxLine;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tariff book's REST API: read it, add a version, and rate a request (the calculator). */
@RestController
@RequestMapping(path = "/api/v1/tariffs", produces = "application/json")
@Tag(name = "Tariffs")
class TariffApiController {

    /** A schedule in the list: its current version and how many it has had. */
    record ScheduleSummary(String code, String description, String serviceType, String customerClass, String fund,
            String consumptionUnit, int versions, Long latestVersionId, LocalDate latestEffectiveFrom) {
    }

    /** A rating with its totals. */
    record Rating(String rateSchedule, String serviceType, String fund, int days, List<RatedLine> lines,
            List<TaxLine> taxes, Money charges, Money tax, Money total) {

        static Rating of(RatedService s) {
            return new Rating(s.rateSchedule(), s.serviceType(), s.fund(), s.days(), s.lines(), s.taxes(), s.charges(),
                    s.tax(), s.total());
        }
    }

    /** What to rate (RatingRequest's fields; firstBill may be left out). */
    record RateRequest(String rateSchedule, LocalDate previousReadDate, LocalDate readDate, BigDecimal consumption,
            BigDecimal demandKw, BigDecimal winterQuarterAverage, Map<String, BigDecimal> options, Boolean firstBill) {

        RatingRequest toRatingRequest() {
            return new RatingRequest(rateSchedule, previousReadDate, readDate, consumption, demandKw, winterQuarterAverage,
                    options, Boolean.TRUE.equals(firstBill));
        }
    }

    /** A new adjuster price. */
    record NewAdjusterVersion(LocalDate effectiveFrom, BigDecimal price, String note) {
    }

    /** A new tax rate of one jurisdiction. */
    record NewTaxRate(String jurisdiction, LocalDate effectiveFrom, BigDecimal rate, String description) {
    }

    private final CachedTariffs tariffs;
    private final TariffAdministration administration;

    TariffApiController(CachedTariffs tariffs, TariffAdministration administration) {
        this.tariffs = tariffs;
        this.administration = administration;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "Every rate schedule with its latest version")
    List<ScheduleSummary> list() {
        return tariffs.snapshot().schedules().stream().map(TariffApiController::summary).toList();
    }

    @GetMapping("/{code}")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "A rate schedule with every version and every charge")
    RateSchedule schedule(@PathVariable String code) {
        TariffSnapshot book = tariffs.snapshot();
        if (!book.scheduleCodes().contains(code)) {
            throw new RecordNotFound("code", "There is no rate schedule " + code + ".");
        }
        return book.schedule(code);
    }

    @PostMapping(path = "/{code}/versions", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('TARIFF_EDIT')")
    @Operation(summary = "Add a version of a schedule (refused when backdated, overlapping or changing issued bills)")
    ScheduleVersion addVersion(@PathVariable String code, @RequestBody NewVersion version) {
        return administration.addVersion(code, version);
    }

    @GetMapping("/adjusters")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "Every version of every adjuster")
    Map<String, List<AdjusterVersion>> adjusters() {
        return tariffs.snapshot().adjusters();
    }

    @PostMapping(path = "/adjusters/{code}/versions", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('TARIFF_EDIT')")
    @Operation(summary = "Add a price of an adjuster from a date")
    AdjusterVersion addAdjusterVersion(@PathVariable String code, @RequestBody NewAdjusterVersion body) {
        return administration.addAdjusterVersion(code, body.effectiveFrom(), body.price(), body.note());
    }

    @GetMapping("/taxes")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "Every tax rate by jurisdiction")
    Map<String, List<TaxRate>> taxes() {
        return tariffs.snapshot().taxRates();
    }

    @PostMapping(path = "/taxes", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('TARIFF_EDIT')")
    @Operation(summary = "Add a tax rate of a jurisdiction from a date")
    TaxRate addTaxRate(@RequestBody NewTaxRate body) {
        return administration.addTaxRate(body.jurisdiction(), body.effectiveFrom(), body.rate(), body.description());
    }

    @PostMapping(path = "/rate", consumes = "application/json")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "What would this cost: rate one service for one period with the current book")
    Rating rate(@RequestBody RateRequest request) {
        return Rating.of(tariffs.snapshot().rate(request.toRatingRequest()));
    }

    static ScheduleSummary summary(RateSchedule s) {
        return new ScheduleSummary(s.code(), s.description(), s.serviceType(), s.customerClass(), s.fund(),
                s.consumptionUnit(), s.versions().size(), s.latest().map(ScheduleVersion::id).orElse(null),
                s.latest().map(ScheduleVersion::effectiveFrom).orElse(null));
    }
}

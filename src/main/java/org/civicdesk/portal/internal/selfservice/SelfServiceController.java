package org.civicdesk.portal.internal.selfservice;

import java.time.LocalDate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.civicdesk.billing.BillPdfs;
import org.civicdesk.billing.ConservationTips;
import org.civicdesk.cashiering.OnlinePayments;
import org.civicdesk.platform.RecordNotFound;
import org.civicdesk.portal.internal.PortalAccountAccess;
import org.civicdesk.portal.internal.PortalCustomer;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What a signed-in customer reads about one of their accounts: the account page (balance, amount due, alerts,
 * services), bills with their PDFs and payments with their receipts, usage charts and conservation tips. Every
 * handler first checks that the account is linked to the login; a bill or payment of another account answers
 * exactly like one that does not exist.
 */
@Controller
class SelfServiceController {

    static final String BASE = "/portal/accounts/{number}";

    private final PortalAccountAccess access;
    private final AccountOverview overview;
    private final BillPdfs billPdfs;
    private final OnlinePayments online;
    private final ConservationTips tips;
    private final MessageSource messages;
    private final Clock clock;

    SelfServiceController(PortalAccountAccess access, AccountOverview overview, BillPdfs billPdfs, OnlinePayments online,
            ConservationTips tips, MessageSource messages, Clock clock) {
        this.access = access;
        this.overview = overview;
        this.billPdfs = billPdfs;
        this.online = online;
        this.tips = tips;
        this.messages = messages;
        this.clock = clock;
    }

    static String language(Locale locale) {
        return "es".equals(locale.getLanguage()) ? "es" : "en";
    }

    static void common(Model model, String number, Locale locale, String section) {
        model.addAttribute("number", number);
        model.addAttribute("fmt", new PortalFormat(locale));
        model.addAttribute("section", section);
    }

    @GetMapping(BASE)
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String account(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number, Locale locale, Model model) {
        access.requireLinked(customer, number);
        common(model, number, locale, "account");
        model.addAttribute("s", overview.summary(number));
        return "portal/account/account";
    }

    @GetMapping(BASE + "/bills")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String bills(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number, Locale locale, Model model) {
        access.requireLinked(customer, number);
        common(model, number, locale, "bills");
        model.addAttribute("h", overview.history(number));
        return "portal/account/bills";
    }

    @GetMapping(BASE + "/bills/{billId}.pdf")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    ResponseEntity<byte[]> billPdf(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @PathVariable long billId, Locale locale) {
        access.requireLinked(customer, number);
        if (!overview.billOfAccount(number, billId)) {
            throw notFound();
        }
        return pdf("bill-" + billId + ".pdf", billPdfs.pdf(billId, language(locale)));
    }

    @GetMapping(BASE + "/payments/{paymentId}")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String receipt(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @PathVariable long paymentId, Locale locale, Model model) {
        access.requireLinked(customer, number);
        common(model, number, locale, "bills");
        model.addAttribute("r", online.receipt(number, paymentId).orElseThrow(SelfServiceController::notFound));
        return "portal/account/receipt";
    }

    @GetMapping(BASE + "/payments/{paymentId}/receipt.pdf")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    ResponseEntity<byte[]> receiptPdf(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number,
            @PathVariable long paymentId, Locale locale) {
        access.requireLinked(customer, number);
        byte[] pdf = online.receiptPdf(number, paymentId, language(locale)).orElseThrow(SelfServiceController::notFound);
        return pdf("receipt-" + paymentId + ".pdf", pdf);
    }

    @GetMapping(BASE + "/usage")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String usage(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number, Locale locale, Model model) {
        access.requireLinked(customer, number);
        common(model, number, locale, "usage");
        List<UsageChart> charts = UsageChart.of(overview.usage(number));
        List<ChartView> views = new ArrayList<>();
        String monthPattern = messages.getMessage("selfservice.usage.month-pattern", null, "MMM yy", locale);
        for (UsageChart c : charts) {
            String service = messages.getMessage("selfservice.service." + c.serviceType, null, c.serviceType, locale);
            String title = messages.getMessage("selfservice.usage.chart-title", new Object[] {service}, locale);
            views.add(new ChartView(c.serviceType, service, unit(c.unit, locale), c.rows, c.svg(title, monthPattern, locale)));
        }
        model.addAttribute("charts", views);
        return "portal/account/usage";
    }

    private String unit(String unit, Locale locale) {
        return messages.getMessage("selfservice.unit." + unit, null, unit, locale);
    }

    /** One chart as the page shows it. */
    record ChartView(String serviceType, String service, String unit, List<UsageChart.Row> rows, String svg) {
    }

    @GetMapping(BASE + "/tips")
    @PreAuthorize("hasRole('PORTAL_CUSTOMER')")
    String tips(@AuthenticationPrincipal PortalCustomer customer, @PathVariable String number, Locale locale, Model model) {
        access.requireLinked(customer, number);
        common(model, number, locale, "tips");
        String language = language(locale);
        String season = tips.season(LocalDate.now(clock));
        String other = season.equals("SUMMER") ? "WINTER" : "SUMMER";
        List<String> services = overview.summary(number).services().stream().map(AccountOverview.ServiceLine::serviceType)
                .filter(tips.services()::contains).distinct().toList();
        List<Tip> now = new ArrayList<>();
        List<Tip> later = new ArrayList<>();
        for (String service : services.isEmpty() ? tips.services() : services) {
            now.add(new Tip(service, tips.tip(service, season, language)));
            later.add(new Tip(service, tips.tip(service, other, language)));
        }
        now.add(new Tip("ANY", tips.tip("ANY", season, language)));
        model.addAttribute("season", season);
        model.addAttribute("otherSeason", other);
        model.addAttribute("now", now);
        model.addAttribute("later", later);
        return "portal/account/tips";
    }

    /** A tip for a service (ANY: for every home). */
    record Tip(String serviceType, String text) {
    }

    static RecordNotFound notFound() {
        return new RecordNotFound("id", "No such record among the accounts linked to this sign-in.");
    }

    static ResponseEntity<byte[]> pdf(String filename, byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"").body(body);
    }
}

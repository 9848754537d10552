package org.civicdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Money;
import org.civicdesk.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The done-when walk, a customer's day on the portal in headless Chromium: registers for a demo account
 * (which owes an older water charge and has a new bill), confirms the e-mail through GreenMail, opens the bill's
 * PDF, pays the bill through the test card processor's hosted step, asks for a payment arrangement for what is
 * still past due, switches to Spanish, signs out, resets the password by the e-mailed link and signs in again.
 * Then axe checks every portal page reachable from the home page, in English and in Spanish.
 */
class PortalDayBrowserTest extends PortalBrowserSupport {

    static final String PASSWORD = "Mesa-Monsoon-Evening-7";
    static final String NEW_PASSWORD = "Mesa-Monsoon-Morning-8";

    @Autowired
    Ledger ledger;

    /** An older charge, 40 days past due, so that an arrangement is possible after the bill is paid. */
    private void pastDueCharge(DemoAccount a) {
        LocalDate today = LocalDate.now();
        Receivable r = ledger.openReceivable("utility-account", "WATER", a.accountNumber(), a.name());
        ledger.post(new JournalEntryRequest("portal-day-charge:" + a.accountNumber() + ":" + System.nanoTime(),
                today.minusDays(60), "billing", "Water charge",
                List.of(JournalLineRequest.debit("WATER", "1200", Money.of(new BigDecimal("240.00"))).receivable(r.id())
                                .due(today.minusDays(40)),
                        JournalLineRequest.credit("WATER", "4010", Money.of("240.00")))));
    }

    private void signIn(String email, String password, String button) {
        type("email", email);
        type("password", password);
        submit(button);
    }

    @Test
    void aCustomersDay() throws Exception {
        DemoAccount account = demoAccountWithBill();
        pastDueCharge(account);
        String email = "day-" + System.nanoTime() + "@example.org";
        driver = Browser.start();

        // register and confirm the e-mail
        driver.get(url("/portal/register"));
        type("accountNumber", account.accountNumber());
        type("nameOnBill", account.name());
        type("billAmount", account.amountDue());
        type("email", email);
        type("password", PASSWORD);
        submit("Register");
        driver.get(link(mailTo(email, "Confirm your e-mail"), "/portal/verify"));
        submit("Confirm my e-mail address");
        signIn(email, PASSWORD, "Sign in");
        assertThat(driver.getCurrentUrl()).endsWith("/portal");

        // the account, its bills, the bill's PDF
        click(By.linkText("Account " + account.accountNumber()));
        assertThat(driver.getCurrentUrl()).endsWith("/portal/accounts/" + account.accountNumber());
        guideShot("07-account");
        click(By.cssSelector("nav.account-nav a[href$='/bills']"));
        WebElement pdfLink = driver.findElements(By.cssSelector("#main a[href$='.pdf']")).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no bill PDF link on " + driver.getCurrentUrl()));
        HttpResponse<byte[]> pdf = fetchWithSession(pdfLink.getAttribute("href"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");

        // pay the bill by card through the hosted step
        click(By.cssSelector("nav.account-nav a[href$='/pay']"));
        type("amount", account.amountDue());
        guideShot("08-pay");
        click(By.id("pay-card"));
        assertThat(driver.getCurrentUrl()).contains("/portal/test-card-processor/hosted");
        axe("hosted card step");
        type("cardNumber", "4242 4242 4242 4242");
        click(By.cssSelector("#main form button[type=submit]"));
        assertThat(main()).contains("4242");
        click(By.id("confirm-pay"));
        assertThat(driver.getCurrentUrl()).contains("/portal/accounts/" + account.accountNumber() + "/payments/");
        assertThat(main()).contains("Payment receipt").contains("$" + account.amountDue());
        axe("receipt");
        guideShot("09-receipt");
        assertThat(driver.getPageSource()).doesNotContain("4242 4242 4242 4242").doesNotContain("4242424242424242");

        // a payment arrangement for what is still past due
        driver.get(url("/portal/accounts/" + account.accountNumber() + "/requests/arrangement"));
        assertThat(main()).contains("Ask for a payment arrangement");
        type("months", "3");
        click(By.id("request-arrangement"));
        assertThat(main()).contains("Your payment arrangement is made");
        axe("arrangement made");

        // Spanish, then sign out
        click(By.cssSelector(".language-switch"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        driver.get(url("/portal"));
        assertThat(main()).contains("Sus cuentas");
        click(By.cssSelector(".sign-out"));
        assertThat(main()).contains("Ha cerrado la sesión");

        // reset the password (the e-mail comes in Spanish now) and sign in again
        click(By.cssSelector("a[href='/portal/forgot']"));
        type("email", email);
        submit("Enviarme un enlace");
        driver.get(link(mailTo(email, "Elija una contraseña nueva"), "/portal/reset"));
        type("password", NEW_PASSWORD);
        submit("Guardar la contraseña nueva");
        assertThat(main()).contains("Su contraseña nueva está guardada");
        signIn(email, NEW_PASSWORD, "Iniciar sesión");
        assertThat(driver.getCurrentUrl()).endsWith("/portal");
        assertThat(main()).contains("Cuenta " + account.accountNumber());

        // every page reachable from home, in Spanish and then in English
        Set<String> spanish = axeEveryReachablePage();
        driver.get(url("/portal?lang=en"));
        Set<String> english = axeEveryReachablePage();
        assertThat(spanish).hasSameSizeAs(english).hasSizeGreaterThan(10);
        assertThat(english).contains("/portal/profile", "/portal/accounts/" + account.accountNumber() + "/bills");
    }

    /** A GET in the browser's session (a PDF would open in the browser's viewer, which Selenium cannot read). */
    private HttpResponse<byte[]> fetchWithSession(String href) throws Exception {
        Cookie session = driver.manage().getCookieNamed("CIVICDESK_SESSION");
        HttpRequest request = HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", session.getName() + "=" + session.getValue()).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Walks the portal's links from the home page (pages, not files, not the language switch or sign-out), checking
     * each page with axe; the paths it visited.
     */
    private Set<String> axeEveryReachablePage() {
        String origin = url("");
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of("/portal"));
        while (!queue.isEmpty() && seen.size() < 60) {
            String path = queue.removeFirst();
            if (!seen.add(path)) {
                continue;
            }
            driver.get(origin + path);
            assertThat(driver.getCurrentUrl()).as("still signed in at " + path).doesNotContain("/portal/sign-in");
            axe(path);
            for (WebElement a : driver.findElements(By.cssSelector("a[href]"))) {
                String href = a.getAttribute("href");
                if (href == null || !href.startsWith(origin + "/portal")) {
                    continue;
                }
                String p = href.substring(origin.length()).replaceAll("#.*$", "");
                if (p.contains("lang=") || p.endsWith(".pdf") || p.contains("sign-out") || p.contains("test-card-processor")
                        || seen.contains(p) || queue.contains(p)) {
                    continue;
                }
                queue.addLast(p);
            }
        }
        return seen;
    }
}

package org.civicdesk.billrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 4's done-when, in headless Chromium: a new billing specialist imports a read file, works an exception,
 * runs a trial bill run for a cycle, issues it, opens a bill PDF, adjusts a bill above the approval limit (a
 * supervisor approves), cancels and rebills another, and finds all of it on the account screens and in the trial
 * balance. Cycle 18 is used by no other test; the demo city has accounts in it too, so totals are read from the
 * run's own page and the trial balance is compared before and after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BillingDayBrowserTest {

    static final int CYCLE = 18;
    static final ZoneId PHOENIX = ZoneId.of("America/Phoenix");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private void type(String id, String text) {
        Browser.type(driver, id, text);
    }

    private void setDate(String id, LocalDate date) {
        Browser.setDate(driver, id, date);
    }

    private void click(WebElement button) {
        Browser.clickAndWaitForNextPage(driver, button);
    }

    private void submit(String buttonText) {
        Browser.submit(driver, buttonText);
    }

    private void signIn(String username, String password) {
        Browser.signIn(driver, url(""), username, password);
    }

    private void signOut() {
        Browser.signOut(driver);
    }

    private String mainText() {
        return Browser.mainText(driver);
    }

    private void visit(String path, String page) {
        driver.get(url(path));
        Browser.assertAccessible(driver, page);
    }

    /** An account with water and wastewater at its own premise of the cycle, a meter and an initial read. */
    private record Customer(String accountNumber, String meter, long accountId) {
    }

    private Customer customer(String tag, String name, LocalDate start, LocalDate initialRead) {
        long customerId = jdbc.sql("""
                insert into customer (kind, first_name, last_name, display_name, created_at, created_by)
                values ('PERSON', ?, ?, ?, now(), 'test') returning id""")
                .params(name, "Billingday" + tag, name + " Billingday" + tag).query(Long.class).single();
        String number = AccountNumber.fromSequence(jdbc.sql("select nextval('account_number_seq')")
                .query(Long.class).single()).value();
        long accountId = jdbc.sql("""
                insert into account (account_number, customer_id, mailing_line1, mailing_city, mailing_state, mailing_zip,
                                     language, opened_on, created_at, created_by)
                values (?, ?, '1 Billing Day Ln', 'Mesa', 'AZ', '85201', 'en', ?, now(), 'test') returning id""")
                .params(number, customerId, start).query(Long.class).single();
        long premiseId = jdbc.sql("""
                insert into premise (address_line1, city, state, zip, premise_type, billing_cycle, route,
                                     services_available, created_at)
                values (?, 'Mesa', 'AZ', '85201', 'SINGLE_FAMILY', ?, '18-001', '{WATER,WASTEWATER}', now()) returning id""")
                .params("18 W " + name + " Billingday" + tag + " St", CYCLE).query(Long.class).single();
        for (String[] service : List.of(new String[] {"WATER", "W1.1"}, new String[] {"WASTEWATER", "S1.1"})) {
            jdbc.sql("""
                    insert into service_agreement (account_id, premise_id, service_type, rate_schedule, start_date, status,
                                                   created_at, created_by)
                    values (?, ?, ?, ?, ?, 'ACTIVE', now(), 'test')""")
                    .params(accountId, premiseId, service[0], service[1], start).update();
        }
        String meter = ("BD" + tag + name.substring(0, 1)).toUpperCase();
        jdbc.sql("""
                with sp as (insert into service_point (premise_id, service_type, created_at)
                            values (?, 'WATER', now()) returning id),
                     m as (insert into meter (meter_number, service_type, serial, manufacturer, dial_count, units,
                                              created_at, created_by)
                           values (?, 'WATER', ?, 'Badger', 5, 'kgal', now(), 'test') returning id),
                     i as (insert into meter_install (meter_id, service_point_id, installed_on, created_at, created_by)
                           select m.id, sp.id, ?, now(), 'test' from m, sp returning meter_id, service_point_id)
                insert into meter_read (meter_id, service_point_id, read_date, reading, read_type, source, status,
                                        entered_at, entered_by)
                select meter_id, service_point_id, ?, 1000, 'INITIAL', 'FIELD', 'ACCEPTED', now(), 'test' from i""")
                .params(premiseId, meter, "S" + meter, start, initialRead).update();
        return new Customer(number, meter, accountId);
    }

    /** The sum of account 1200 (receivables) over every fund of the trial balance page, as of the date. */
    private BigDecimal receivablesOnTrialBalance(LocalDate asOf, boolean checkAccessibility) {
        driver.get(url("/ledger/trial-balance?fund=GENERAL&date=" + asOf));
        if (checkAccessibility) {
            Browser.assertAccessible(driver, "/ledger/trial-balance");
        }
        List<String> funds = new Select(byId("fund")).getOptions().stream().map(o -> o.getAttribute("value")).toList();
        BigDecimal sum = BigDecimal.ZERO;
        for (String fund : funds) {
            driver.get(url("/ledger/trial-balance?fund=" + fund + "&date=" + asOf));
            for (WebElement row : driver.findElements(By.cssSelector("#main tbody tr"))) {
                List<WebElement> cells = row.findElements(By.cssSelector("th, td"));
                if (cells.get(0).getText().trim().equals("1200")) {
                    sum = sum.add(new BigDecimal(cells.get(5).getText().replace(",", "").trim()));
                }
            }
        }
        return sum;
    }

    private static BigDecimal dollars(String text) {
        Matcher m = Pattern.compile("-?\\$?-?[0-9,]+\\.[0-9]{2}").matcher(text);
        assertThat(m.find()).as("an amount in " + text).isTrue();
        String s = m.group().replace("$", "").replace(",", "");
        return new BigDecimal(s.startsWith("--") ? s.substring(2) : s);
    }

    private String fact(String term) {
        String value = factOrNull(term);
        if (value == null) {
            throw new AssertionError("no " + term + " on " + driver.getCurrentUrl());
        }
        return value;
    }

    /**
     * The value beside a term of the progress panel, read in one script: the panel is swapped by its polling,
     * and reading the term and then its value element by element found them gone in between.
     */
    private String factOrNull(String term) {
        Object value = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                for (const dt of document.querySelectorAll('#run-progress dt')) {
                  if (dt.textContent.trim() === arguments[0]) {
                    const dd = dt.nextElementSibling;
                    return dd ? dd.innerText.trim() : null;
                  }
                }
                return null;""", term);
        return (String) value;
    }

    private void waitUntilRunFinishes() {
        // the progress panel polls; when the run ends the whole page reloads (with its exceptions table)
        new WebDriverWait(driver, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class)
                .until(d -> java.util.Set.of("COMPLETED", "FAILED", "CANCELLED").contains(factOrNull("Status"))
                        && d.findElements(By.xpath("//button[normalize-space()='Cancel the run']")).isEmpty());
        assertThat(fact("Status")).isEqualTo("COMPLETED");
    }

    private long startRun(String mode, LocalDate cutoff, LocalDate billDate) {
        driver.get(url("/bill-runs"));
        type("cycle", Integer.toString(CYCLE));
        driver.findElement(By.cssSelector("input[name=mode][value=" + mode + "]")).click();
        setDate("cutoffDate", cutoff);
        setDate("billDate", billDate);
        submit("Start the run");
        Matcher m = Pattern.compile("/bill-runs/([0-9]+)").matcher(driver.getCurrentUrl());
        assertThat(m.find()).as("run page after start: " + driver.getCurrentUrl() + "\n" + mainText()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private byte[] fetchWithSession(String href, StringBuilder contentType) throws Exception {
        Cookie session = driver.manage().getCookieNamed("CIVICDESK_SESSION");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "CIVICDESK_SESSION=" + session.getValue()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET " + href).isEqualTo(200);
        contentType.append(response.headers().firstValue("Content-Type").orElse(""));
        return response.body();
    }

    private static String pdfText(byte[] pdf) throws Exception {
        StringBuilder text = new StringBuilder();
        try (PdfReader reader = new PdfReader(pdf)) {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void aNewBillingSpecialistBillsACycleAndFindsEveryStepOnTheAccountsAndInTheLedger() throws Exception {
        driver = Browser.start();
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        LocalDate today = LocalDate.now(PHOENIX);
        LocalDate start = today.minusDays(60);
        LocalDate initial = today.minusDays(35);
        LocalDate readDate = today.minusDays(5);
        Customer adjusted = customer(tag, "Ana", start, initial);
        Customer rebilled = customer(tag, "Ben", start, initial);
        Customer corrected = customer(tag, "Cruz", start, initial);
        Customer held = customer(tag, "Dora", start, initial);

        // an administrator creates the billing specialist
        signIn("admin", "civicdesk-demo");
        visit("/admin/users/new", "/admin/users/new");
        String username = "billing" + tag.toLowerCase();
        type("username", username);
        type("displayName", "Bea Billing");
        byId("role-BILLING_SPECIALIST").click();
        submit("Create user");
        String temporary = driver.findElement(By.cssSelector(".secret")).getText();
        signOut();

        // the new user signs in and chooses a password
        signIn(username, temporary);
        assertThat(driver.getCurrentUrl()).contains("/account/password");
        String password = "billing-day-2026!";
        type("currentPassword", temporary);
        type("newPassword", password);
        type("confirmPassword", password);
        submit("Change password");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Bea Billing");

        // import a read file: two good reads, one lower than the last (held), one zero use (held)
        String file = "account_number,meter_number,read_date,reading,read_type\n"
                + adjusted.accountNumber() + "," + adjusted.meter() + "," + readDate + ",1012,actual\n"
                + rebilled.accountNumber() + "," + rebilled.meter() + "," + readDate + ",1009,actual\n"
                + corrected.accountNumber() + "," + corrected.meter() + "," + readDate + ",910,actual\n"
                + held.accountNumber() + "," + held.meter() + "," + readDate + ",1000,actual\n";
        Path csv = Files.createTempFile("reads-" + tag, ".csv");
        Files.writeString(csv, file);
        visit("/reads/import", "/reads/import");
        byId("file").sendKeys(csv.toAbsolutePath().toString());
        submit("Import");
        Browser.assertAccessible(driver, "/reads/imports/{id}");
        assertThat(mainText()).contains("4 lines: 2 accepted, 2 held as exceptions, 0 rejected");

        // work an exception: the lower reading was mistyped, correct it
        visit("/reads/exceptions?q=" + corrected.meter(), "/reads/exceptions");
        WebElement correctedRow = driver.findElements(By.cssSelector("#main tbody tr")).stream()
                .filter(r -> r.getText().contains(corrected.meter())).findFirst()
                .orElseThrow(() -> new AssertionError("read of " + corrected.meter() + " not in the queue:\n" + mainText()));
        String readId = correctedRow.findElement(By.cssSelector("th")).getText().trim();
        type("reading-" + readId, "1010");
        type("correct-note-" + readId, "Meter reader swapped two digits " + tag);
        click(correctedRow.findElement(By.xpath(".//button[normalize-space()='Correct']")));
        assertThat(mainText()).contains("Read " + readId + " corrected");

        // a trial run: totals and exceptions, nothing posted
        BigDecimal receivablesBefore = receivablesOnTrialBalance(today, true);
        long trial = startRun("TRIAL", today, today);
        waitUntilRunFinishes();
        Browser.assertAccessible(driver, "/bill-runs/{id} trial");
        assertThat(mainText()).contains("Trial bills").contains("Total new charges and tax")
                .contains(held.accountNumber()).contains("READ_EXCEPTION");
        BigDecimal trialTotal = dollars(fact("Total new charges and tax"));
        assertThat(trialTotal.signum()).isPositive();
        assertThat(receivablesOnTrialBalance(today, false)).as("a trial posts nothing").isEqualByComparingTo(receivablesBefore);

        // issue the cycle and watch it finish
        long issue = startRun("ISSUE", today, today);
        assertThat(issue).isNotEqualTo(trial);
        waitUntilRunFinishes();
        Browser.assertAccessible(driver, "/bill-runs/{id} issue");
        BigDecimal runTotal = dollars(fact("Total new charges and tax"));
        assertThat(runTotal).isEqualByComparingTo(trialTotal);
        assertThat(receivablesOnTrialBalance(today, false)).as("receivables moved by the run's total")
                .isEqualByComparingTo(receivablesBefore.add(runTotal));

        // open a bill and its PDF
        visit("/accounts/" + adjusted.accountNumber(), "/accounts/{n}");
        click(driver.findElement(By.cssSelector("#bills-heading ~ table tbody tr a")));
        Browser.assertAccessible(driver, "/bills/{id}");
        String adjustedBillUrl = driver.getCurrentUrl();
        String billTotal = driver.findElement(By.xpath("//th[normalize-space()='Total due']/following-sibling::td"))
                .getText().trim();
        String pdfHref = driver.findElement(By.linkText("Bill PDF")).getAttribute("href");
        StringBuilder contentType = new StringBuilder();
        byte[] pdf = fetchWithSession(pdfHref, contentType);
        assertThat(contentType.toString()).startsWith("application/pdf");
        String pdfText = pdfText(pdf).replace(" ", "").replace("-", "");
        assertThat(pdfText).contains(adjusted.accountNumber().replace("-", "")).contains(billTotal.replace(" ", ""));

        // adjust the bill above the approval limit: it waits for a second person
        click(driver.findElement(By.linkText("Adjust")));
        Browser.assertAccessible(driver, "/accounts/{n}/adjustments/new");
        new Select(byId("serviceType")).selectByValue("WATER");
        type("amount", "-150.00");
        new Select(byId("reasonCode")).selectByValue("BILLING_ERROR");
        type("note", "Leak at the curb stop, credit agreed " + tag);
        submit("Submit adjustment");
        assertThat(driver.getCurrentUrl()).isEqualTo(adjustedBillUrl);
        assertThat(driver.findElement(By.cssSelector(".flash")).getText()).contains("waiting for a second person");

        // cancel and rebill another bill
        visit("/accounts/" + rebilled.accountNumber(), "/accounts/{n} before the rebill");
        click(driver.findElement(By.cssSelector("#bills-heading ~ table tbody tr a")));
        String cancelledBill = driver.findElement(By.tagName("h1")).getText().replace("Bill", "").trim();
        BigDecimal cancelledCharges = dollars(driver.findElement(By.xpath(
                "//th[normalize-space()='New charges']/following-sibling::td")).getText())
                .add(dollars(driver.findElement(By.xpath("//th[normalize-space()='Tax']/following-sibling::td")).getText()));
        type("reason", "Read assigned to the wrong period " + tag);
        submit("Cancel and rebill");
        Browser.assertAccessible(driver, "/bills/{id} after the rebill");
        assertThat(mainText()).contains("replaces bill " + cancelledBill);
        BigDecimal rebillCharges = dollars(driver.findElement(By.xpath(
                "//th[normalize-space()='New charges']/following-sibling::td")).getText())
                .add(dollars(driver.findElement(By.xpath("//th[normalize-space()='Tax']/following-sibling::td")).getText()));
        signOut();

        // a supervisor approves the adjustment
        signIn("supervisor", "civicdesk-demo");
        visit("/approvals", "/approvals");
        WebElement request = driver.findElements(By.cssSelector("#main tbody tr")).stream()
                .filter(r -> r.getText().contains(adjusted.accountNumber())).findFirst()
                .orElseThrow(() -> new AssertionError("no approval request for " + adjusted.accountNumber() + ":\n" + mainText()));
        request.findElement(By.cssSelector("input[name=note]")).sendKeys("Checked the leak report " + tag);
        click(request.findElement(By.xpath(".//button[normalize-space()='Approve']")));
        signOut();

        // the specialist sees it all on the account screens and in the trial balance
        signIn(username, password);
        visit("/accounts/" + adjusted.accountNumber(), "/accounts/{n} with the adjustment");
        assertThat(mainText()).contains("Billing error").contains("-$150.00");
        visit("/accounts/" + rebilled.accountNumber(), "/accounts/{n} with the rebill");
        assertThat(mainText()).contains("Cancelled and rebilled").contains("(replaces " + cancelledBill + ")");
        visit("/accounts/" + corrected.accountNumber(), "/accounts/{n} of the corrected read");
        assertThat(mainText()).as("the corrected read billed: 1010 - 1000").containsPattern("WATER [0-9-]+ 10(\\.0+)? kgal");
        assertThat(receivablesOnTrialBalance(today, true)).as("run, adjustment and rebill in the receivables")
                .isEqualByComparingTo(receivablesBefore.add(runTotal).subtract(new BigDecimal("150.00"))
                        .subtract(cancelledCharges).add(rebillCharges));
    }
}

package org.civicdesk.cashiering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * Issue 5's done-when, in headless Chromium: a new cashier opens a drawer, takes a split cash-and-card payment
 * across a utility account and a miscellaneous receipt, has another payment voided with a head cashier's
 * approval; the head cashier imports a remittance file and a NACHA return file for an earlier autopay debit; the
 * cashier closes $3.00 short, the head cashier makes the deposit, and the Daily Cash Report ties to the trial
 * balance. Other tests post on the same day, so exact figures are asserted for this drawer's own lines only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CashieringDayBrowserTest {

    static final ZoneId PHOENIX = ZoneId.of("America/Phoenix");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

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

    private void submit(String buttonText) {
        Browser.submit(driver, buttonText);
    }

    private void open(String path, String heading) {
        driver.get(url(path));
        assertThat(driver.findElement(By.tagName("h1")).getText()).as(path).contains(heading);
        Browser.assertAccessible(driver, path);
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

    private void waitForText(String id, String text) {
        Browser.liveWait(driver, java.time.Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id(id)).getText().contains(text));
    }

    private void pressEnterAndWaitForNextPage(WebElement target) {
        WebElement page = driver.findElement(By.tagName("html"));
        target.sendKeys(org.openqa.selenium.Keys.ENTER);
        new WebDriverWait(driver, java.time.Duration.ofSeconds(60))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
    }

    private long paymentIdFromUrl() {
        Matcher m = Pattern.compile("/cashiering/payments/([0-9]+)").matcher(driver.getCurrentUrl());
        assertThat(m.find()).as("payment page: " + driver.getCurrentUrl()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The last business day on or before today, a weekday, for which no autopay file was made yet. */
    private LocalDate freeAutopayDueDate(LocalDate today) {
        List<LocalDate> taken = jdbc.sql("select due_date from autopay_file").query(LocalDate.class).list();
        LocalDate d = today;
        while (taken.contains(d) || d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.minusDays(1);
        }
        return d;
    }

    @Test
    void aNewCashierWorksADayThatBalancesToTheLedger() throws Exception {
        driver = Browser.start();
        String tag = Long.toString(System.nanoTime() % 1_000_000, 36);
        LocalDate today = LocalDate.now(PHOENIX);
        TestAccount counterAccount = CashieringFixture.account(jdbc, "en", "ACTIVE");
        CashieringFixture.charge(ledger, counterAccount, "WATER", "45.67", today.minusDays(30), today.minusDays(9), "billing");
        TestAccount lockboxAccount = CashieringFixture.account(jdbc, "en", "ACTIVE");
        CashieringFixture.charge(ledger, lockboxAccount, "WATER", "72.40", today.minusDays(30), today.minusDays(9), "billing");
        LocalDate autopayDue = freeAutopayDueDate(today);
        TestAccount autopayAccount = CashieringFixture.account(jdbc, "en", "ACTIVE");
        jdbc.sql("update account set bill_due_day = :d where account_number = :a").param("d", autopayDue.getDayOfMonth())
                .param("a", autopayAccount.accountNumber()).update();
        CashieringFixture.charge(ledger, autopayAccount, "WATER", "61.25", autopayDue.minusDays(21), autopayDue, "billing");

        // an administrator creates the new cashier
        signIn("admin", "civicdesk-demo");
        driver.get(url("/admin/users/new"));
        String cashier = "newcashier" + tag;
        type("username", cashier);
        type("displayName", "Cass Newhire");
        byId("role-CASHIER").click();
        Browser.assertAccessible(driver, "/admin/users/new");
        submit("Create user");
        String temporary = driver.findElement(By.cssSelector(".secret")).getText();
        Browser.assertAccessible(driver, "/admin/users/{id} (temporary password)");
        signOut();

        // the new cashier signs in with the temporary password and chooses one
        signIn(cashier, temporary);
        assertThat(driver.getCurrentUrl()).contains("/account/password");
        Browser.assertAccessible(driver, "/account/password (first sign-in)");
        String password = "cash-day-2026-" + tag;
        type("currentPassword", temporary);
        type("newPassword", password);
        type("confirmPassword", password);
        submit("Change password");

        // opens a drawer with the counted float
        open("/cashiering", "My drawer");
        type("openingFloat", "200.00");
        submit("Open drawer");
        assertThat(mainText()).contains("Drawer opened.").contains("float $200.00");
        Browser.assertAccessible(driver, "/cashiering (drawer open)");
        long drawerId = Long.parseLong(driver.findElement(By.cssSelector("#main p strong")).getText());

        // a split payment: a utility account and a miscellaneous receipt, typed first
        type("payerName", "Rosa Walk" + tag);
        type("allocations0.reference", counterAccount.accountNumber());
        type("allocations0.amount", "45.67");
        new Select(byId("allocations1.receivableType")).selectByValue("miscellaneous");
        type("allocations1.reference", "COPIES");
        type("allocations1.amount", "12.33");
        waitForText("lookup-0", counterAccount.customerName());
        assertThat(byId("total-due").getText()).isEqualTo("$58.00");

        // part of it by card: the test processor's hosted step, reached by keyboard, asked for what is still due
        pressEnterAndWaitForNextPage(byId("card-step"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("TEST card processor");
        Browser.assertAccessible(driver, "/test-card-processor/hosted");
        assertThat(byId("amount").getAttribute("value")).isEqualTo("58.00");
        type("cardNumber", "4242 4242 4242 4242");
        type("amount", "20.00");
        submit("Get token and return to the counter");

        // back at the counter what was typed is still there, and the card is the second tender
        assertThat(byId("payerName").getAttribute("value")).isEqualTo("Rosa Walk" + tag);
        assertThat(byId("allocations0.reference").getAttribute("value")).isEqualTo(counterAccount.accountNumber());
        assertThat(new Select(byId("allocations1.receivableType")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("miscellaneous");
        assertThat(byId("allocations1.amount").getAttribute("value")).isEqualTo("12.33");
        assertThat(new Select(byId("tenders1.type")).getFirstSelectedOption().getAttribute("value")).isEqualTo("CREDIT_CARD");
        assertThat(byId("tenders1.amount").getAttribute("value")).isEqualTo("20.00");
        assertThat(mainText()).contains("ending 4242");
        waitForText("lookup-0", counterAccount.customerName());
        waitForText("lookup-1", "Copies");

        // the rest in cash: change due shows as it is typed
        new Select(byId("tenders0.type")).selectByValue("CASH");
        type("tenders0.amount", "50.00");
        assertThat(byId("total-due").getText()).isEqualTo("$58.00");
        assertThat(byId("total-tendered").getText()).isEqualTo("$70.00");
        assertThat(byId("change-label").getText()).isEqualTo("change");
        assertThat(byId("change-due").getText()).isEqualTo("$12.00");
        Browser.assertAccessible(driver, "/cashiering (payment filled in)");
        Browser.screenshot(driver, "cashiering-payment-filled-in");
        submit("Post payment");
        long splitPayment = paymentIdFromUrl();
        assertThat(mainText()).contains("change due $12.00").contains(counterAccount.accountNumber()).contains("COPIES")
                .contains("CREDIT_CARD").contains("ending 4242").contains("$45.67").contains("$12.33");
        Browser.assertAccessible(driver, "/cashiering/payments/{id}");
        Browser.screenshot(driver, "cashiering-payment");
        assertThat(fetch(driver.findElement(By.linkText("Receipt printer (80 mm)")).getAttribute("href"), "application/pdf"))
                .startsWith("%PDF");

        // another payment, to be voided; first with too little cash, which the form refuses with the reason
        open("/cashiering", "My drawer");
        type("allocations0.reference", counterAccount.accountNumber());
        type("allocations0.amount", "10.00");
        new Select(byId("tenders0.type")).selectByValue("CASH");
        type("tenders0.amount", "5.00");
        assertThat(byId("change-label").getText()).isEqualTo("still due");
        submit("Post payment");
        assertThat(byId("error-summary").getText()).contains("less than the $10.00 to pay");
        Browser.assertAccessible(driver, "/cashiering (payment refused)");
        type("tenders0.amount", "10.00");
        submit("Post payment");
        long voided = paymentIdFromUrl();
        type("reason", "Keyed twice " + tag);
        submit("Request void");
        assertThat(mainText()).contains("Void requested");
        Browser.assertAccessible(driver, "/cashiering/payments/{id} (void requested)");
        signOut();

        // the head cashier approves the void ...
        signIn("headcashier", "civicdesk-demo");
        open("/approvals", "Approvals");
        WebElement request = driver.findElements(By.cssSelector("#main table tbody tr")).stream()
                .filter(r -> r.getText().contains("Void payment " + voided + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no void request for payment " + voided + ": " + mainText()));
        Browser.clickAndWaitForNextPage(driver, request.findElement(By.xpath(".//button[normalize-space()='Approve']")));
        assertThat(driver.findElements(By.cssSelector("#main table tbody tr")).stream()
                .noneMatch(r -> r.getText().contains("Void payment " + voided + " "))).as("the void left the inbox").isTrue();
        Browser.assertAccessible(driver, "/approvals (approved)");

        // ... prepares an earlier ACH payment: enrols an account, makes the debit file, posts it as settled ...
        open("/cashiering/files/autopay", "Autopay, portal bank debits and ACH returns");
        type("accountNumber", autopayAccount.accountNumber());
        type("routingNumber", "231380104");
        type("bankAccountNumber", "987654321");
        type("holderName", "Rosa Autopay" + tag);
        submit("Enrol");
        assertThat(mainText()).contains("Account " + autopayAccount.accountNumber() + " is enrolled");
        Browser.assertAccessible(driver, "/cashiering/files/autopay (enrolled)");
        driver.executeScript("arguments[0].value = arguments[1]", byId("dueDate"), autopayDue.toString());
        submit("Make the NACHA file");
        assertThat(mainText()).contains("Autopay file for " + autopayDue);
        submit("Post settled debits as payments");
        assertThat(mainText()).containsPattern("[1-9][0-9]* autopay debits were posted as payments");
        Map<String, Object> debit = jdbc.sql("select trace_number, payment_id, amount from autopay_debit where account_number = :a")
                .param("a", autopayAccount.accountNumber()).query().singleRow();
        assertThat((BigDecimal) debit.get("amount")).isEqualByComparingTo("61.25");
        assertThat(debit.get("payment_id")).as("the autopay debit was posted as a payment").isNotNull();
        long achPayment = ((Number) debit.get("payment_id")).longValue();

        // ... imports the bank's return of that debit (R01, insufficient funds) ...
        Path returnFile = Path.of("target", "walk5-return-" + tag + ".ach").toAbsolutePath();
        Files.createDirectories(returnFile.getParent());
        Files.writeString(returnFile, returnFile("R01", (String) debit.get("trace_number"), 6125, "ROSA AUTOPAY"),
                StandardCharsets.US_ASCII);
        byId("returnFile").sendKeys(returnFile.toString());
        submit("Import returns");
        assertThat(mainText()).contains("1 return entry imported.");
        WebElement returned = driver.findElements(By.cssSelector("#main table tbody tr")).stream()
                .filter(r -> r.getText().contains("APPLIED") && r.getText().contains(Long.toString(achPayment))).findFirst()
                .orElseThrow(() -> new AssertionError("no applied return for payment " + achPayment + ": " + mainText()));
        assertThat(returned.getText()).contains("R01").contains("$61.25");
        Browser.assertAccessible(driver, "/cashiering/files/ach-returns (imported)");

        // ... and a lockbox remittance file: one line posts, one for no account goes to suspense
        open("/cashiering/files", "Payment files");
        String batch = "LBWALK" + tag.toUpperCase();
        String unknownAccount = org.civicdesk.customer.AccountNumber.fromSequence(999_999_997L).value();
        Path remittance = Path.of("target", "walk5-remittance-" + tag + ".csv").toAbsolutePath();
        Files.writeString(remittance, "batch_id,sequence,account_number,amount,payment_date,check_number,scan_line\n"
                + batch + ",1," + lockboxAccount.accountNumber() + ",72.40," + today + ",20441,\n"
                + batch + ",2," + unknownAccount + ",15.00," + today + ",20442,\n"
                + "TRAILER,2,87.40\n", StandardCharsets.UTF_8);
        byId("file").sendKeys(remittance.toString());
        type("expectedCount", "2");
        type("expectedTotal", "87.40");
        submit("Import");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Remittance batch " + batch);
        assertThat(mainText()).contains("Posted\n1 ($72.40)").contains("Suspended\n1").contains(unknownAccount);
        Browser.assertAccessible(driver, "/cashiering/files/remittance (report)");
        signOut();

        // back as the cashier: the void shows
        signIn(cashier, password);
        open("/cashiering/payments/" + voided, "Payment " + voided);
        assertThat(mainText()).contains("VOID").contains("Keyed twice " + tag);
        open("/cashiering", "My drawer");
        assertThat(driver.findElements(By.cssSelector("#main table tbody tr")).stream().map(WebElement::getText)
                .filter(t -> t.startsWith(voided + " "))).singleElement().asString().contains("VOID");

        // closes the drawer $3.00 short: expected 200.00 + 50.00 cash - 12.00 change = 238.00, counted 235.00
        assertThat(mainText()).contains("$238.00");
        type("pieces-BILL_100", "2");
        type("pieces-BILL_20", "1");
        type("pieces-BILL_10", "1");
        type("pieces-BILL_5", "1");
        type("cardBatchTotal", "20.00");
        assertThat(byId("counted-cash").getText()).isEqualTo("$235.00");
        Browser.assertAccessible(driver, "/cashiering (count filled in)");
        submit("Close drawer");
        assertThat(mainText()).contains("Drawer closed. Counted $235.00, over/short -$3.00.");
        Browser.assertAccessible(driver, "/cashiering (closed)");
        signOut();

        // the head cashier turns the drawer in and makes the deposit (only this test's drawer)
        signIn("headcashier", "civicdesk-demo");
        open("/cashiering/drawers", "Drawers and deposit");
        for (WebElement box : driver.findElements(By.cssSelector("input[name=drawerIds]"))) {
            if (box.isSelected() != box.getAttribute("value").equals(Long.toString(drawerId))) {
                box.click();
            }
        }
        type("bankReference", "BAG-" + tag);
        submit("Make the deposit");
        assertThat(mainText()).containsPattern("Deposit [0-9]+ of \\$35\\.00 made\\.");
        Browser.assertAccessible(driver, "/cashiering/drawers (deposited)");

        // the Daily Cash Report ties to the trial balance
        open("/cashiering/daily-cash-report?date=" + today, "Daily Cash Report " + today);
        assertThat(mainText()).contains("Ties to the ledger to the cent");
        WebElement drawerRow = rowStartingWith("Drawers (tender controls)", drawerId + " ");
        assertThat(drawerRow.getText()).contains(cashier).contains("DEPOSITED").contains("CASH $50.00")
                .contains("CREDIT_CARD $20.00").contains("$235.00").contains("-$3.00");
        assertThat(rowStartingWith("Voids, reversals and returns", voided + " ").getText()).contains("VOID")
                .contains("$10.00");
        assertThat(rowStartingWith("Voids, reversals and returns", achPayment + " ").getText()).contains("RETURN")
                .contains("R01").contains("$61.25");
        Browser.assertAccessible(driver, "/cashiering/daily-cash-report");
        assertThat(fetch(url("/cashiering/daily-cash-report.csv?date=" + today), "text/csv"))
                .contains("tie-out,ties,yes").contains("drawer " + drawerId + " " + cashier + ",over/short,-3.00");
        assertThat(fetch(url("/cashiering/daily-cash-report.pdf?date=" + today), "application/pdf")).startsWith("%PDF");
        Browser.screenshot(driver, "cashiering-daily-cash-report");
        assertThat(table("Deposits and card settlements").getText()).containsPattern("drawers \\[[^]]*\\b" + drawerId
                + "\\b[^]]*\\];.*\\$35\\.00");
        Map<String, String[]> tieRows = new java.util.LinkedHashMap<>();
        for (WebElement row : table("Tie-out").findElements(By.cssSelector("tbody tr"))) {
            List<WebElement> cells = row.findElements(By.cssSelector("th, td"));
            tieRows.put(cells.get(0).getText(), new String[] {cells.get(1).getText(), cells.get(2).getText()});
        }
        String[] allFunds = tieRows.remove("All funds (tenders, change, over/short and deposits)");
        assertThat(allFunds).as("the tie-out's total row").isNotNull();
        assertThat(allFunds[0]).isEqualTo(allFunds[1]);

        // the report's trial-balance figures are the day's movement of cash in drawers (1020) on the trial balance
        // page itself, fund by fund (a fund the report leaves out did not move)
        open("/ledger/trial-balance", "Trial balance");
        List<String> funds = new Select(byId("fund")).getOptions().stream().map(o -> o.getAttribute("value")).toList();
        BigDecimal allMovement = BigDecimal.ZERO;
        for (String fund : funds) {
            BigDecimal movement = drawerCash(fund, today).subtract(drawerCash(fund, today.minusDays(1)));
            allMovement = allMovement.add(movement);
            String[] row = tieRows.remove(fund);
            BigDecimal reported = row == null ? BigDecimal.ZERO : dollars(row[1]);
            assertThat(reported).as("1020 movement of fund " + fund).isEqualByComparingTo(movement);
            if (row != null) {
                assertThat(dollars(row[0])).as("cashiering's records of fund " + fund).isEqualByComparingTo(movement);
            }
        }
        assertThat(tieRows).as("tie-out rows of no fund on the trial balance").isEmpty();
        assertThat(dollars(allFunds[1])).isEqualByComparingTo(allMovement);
    }

    private WebElement table(String captionStart) {
        return driver.findElements(By.cssSelector("#main table")).stream()
                .filter(t -> t.findElement(By.tagName("caption")).getText().startsWith(captionStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + captionStart));
    }

    private WebElement rowStartingWith(String captionStart, String start) {
        return table(captionStart).findElements(By.cssSelector("tbody tr")).stream()
                .filter(r -> r.getText().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + start + " in " + captionStart));
    }

    /** Balance of cash in drawers (1020) of the fund as of the day, read from the trial balance page. */
    private BigDecimal drawerCash(String fund, LocalDate asOf) {
        open("/ledger/trial-balance?fund=" + fund + "&date=" + asOf, "Trial balance");
        return driver.findElements(By.cssSelector("#main table tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("th")).getText().equals("1020")).findFirst()
                .map(r -> {
                    List<WebElement> cells = r.findElements(By.tagName("td"));
                    return new BigDecimal(cells.get(cells.size() - 1).getText().replace(",", ""));
                }).orElse(BigDecimal.ZERO);
    }

    private static BigDecimal dollars(String text) {
        return new BigDecimal(text.replace("$", "").replace(",", ""));
    }

    /** Fetches a link with the browser's session, as the browser would download it. */
    private String fetch(String href, String contentType) throws Exception {
        String cookie = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(href).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(contentType));
        return new String(response.body(), StandardCharsets.ISO_8859_1);
    }

    /** A NACHA return file with correct controls for one returned debit, as the bank sends it. */
    static String returnFile(String code, String originalTrace, long cents, String name) {
        String dfi = originalTrace.substring(0, 8);
        List<String> records = new ArrayList<>();
        records.add(pad("101 122105278 091300006" + "261127" + "0600" + "A094101" + pad("CITY BANK", 23)
                + pad("FEDERAL RESERVE", 23) + "        "));
        records.add(pad("5200CITY UTILITIES" + " ".repeat(22) + "1860000001" + "PPDUTILITY   " + "      " + "261127"
                + "   " + "1" + "09130000" + "0000001"));
        records.add("6" + "26" + "23138010" + "4" + pad("987654321", 17) + String.format("%010d", cents) + pad("", 15)
                + pad(name, 22) + "  " + "1" + "091300000000001");
        records.add(pad("799" + code + originalTrace + "      " + dfi + pad("", 44) + "091300000000001"));
        records.add(pad("8200" + "000002" + "0023138010" + String.format("%012d", cents) + String.format("%012d", 0)
                + "1860000001" + " ".repeat(25) + "09130000" + "0000001"));
        records.add(pad("9" + "000001" + "000001" + "00000002" + "0023138010" + String.format("%012d", cents)
                + String.format("%012d", 0)));
        while (records.size() % 10 != 0) {
            records.add("9".repeat(94));
        }
        return String.join("\n", records) + "\n";
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s.substring(0, n) : s + " ".repeat(n - s.length());
    }

    private static String pad(String s) {
        return pad(s, 94);
    }
}

package org.civicdesk.collections;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.Money;
import org.civicdesk.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Collections section in headless Chromium: a specialist reads why the account may be disconnected, asks
 * for a 9-month arrangement and is refused with the policy's reason, makes a 3-month one, opens the deposit
 * and protection forms; a supervisor declares a heat day. Every page passes axe's WCAG 2.1 AA rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CollectionsBrowserTest {

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

    private void type(String id, String text) {
        Browser.type(driver, id, text);
    }

    private void submit(String buttonText) {
        Browser.submit(driver, buttonText);
    }

    private void signIn(String username) {
        Browser.signIn(driver, url(""), username, "civicdesk-demo");
    }

    private String mainText() {
        return Browser.mainText(driver);
    }

    @Test
    void aSpecialistWorksTheCollectionsSection() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        LocalDate today = LocalDate.now(ZoneId.of("America/Phoenix"));
        // past due outside the summer moratorium whatever today is: a commercial account is never in it
        jdbc.sql("update account set account_class = 'COMMERCIAL' where id = ?").param(a.accountId()).update();
        Receivable r = ledger.openReceivable("utility-account", "WATER", a.accountNumber(), a.customerName());
        ledger.post(new JournalEntryRequest("test-charge:" + a.accountNumber(), today.minusDays(60), "billing", "Test charge",
                List.of(JournalLineRequest.debit("WATER", "1200", Money.of(new BigDecimal("240.00"))).receivable(r.id()).due(today.minusDays(40)),
                        JournalLineRequest.credit("WATER", "4010", Money.of("240.00")))));

        driver = Browser.start();
        signIn("csr");
        driver.get(url("/accounts/" + a.accountNumber()));
        assertThat(mainText()).contains("Collections", "May be disconnected today (WATER)", "Eligible for a payment arrangement");
        Browser.assertAccessible(driver, "/accounts/{n} with collections");

        type("months", "9");
        submit("Create the arrangement");
        assertThat(mainText()).contains("Please correct the following", "1 to 6 months; 9 asked");
        Browser.assertAccessible(driver, "/accounts/{n}/collections/arrangement refused");
        type("months", "3");
        submit("Create the arrangement");
        assertThat(mainText()).contains("Payment arrangement", "$240.00 3 CURRENT since", "Will not be disconnected today",
                "A payment arrangement is current.");

        driver.get(url("/accounts/" + a.accountNumber() + "/collections/deposit"));
        assertThat(mainText()).contains("A deposit is required", "Rounded up to the next $5.00");
        Browser.assertAccessible(driver, "/accounts/{n}/collections/deposit");

        driver.get(url("/accounts/" + a.accountNumber() + "/collections/protection"));
        submit("Record");
        assertThat(mainText()).contains("Choose a medical certificate or bankruptcy");
        Browser.assertAccessible(driver, "/accounts/{n}/collections/protection refused");

        Browser.clickAndWaitForNextPage(driver, driver.findElement(By.cssSelector(".user-menu button")));
        signIn("supervisor");
        driver.get(url("/collections/heat-days"));
        Browser.assertAccessible(driver, "/collections/heat-days");
    }
}

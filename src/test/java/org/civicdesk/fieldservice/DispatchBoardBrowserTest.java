package org.civicdesk.fieldservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.fieldservice.internal.FieldServiceFixture;
import org.civicdesk.metering.internal.MeterDesk;
import org.civicdesk.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dispatcher assigns an order on the board; the specialist's steps (made meanwhile through the API's
 * service) appear on the open board without a reload; the specialist's phone page. Each page passes axe.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DispatchBoardBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterDesk meters;
    @Autowired
    FieldOrders orders;
    @Autowired
    Clock clock;

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

    private void signIn(String user) {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("civicdesk-demo");
        Browser.clickAndWaitForNextPage(driver, driver.findElement(By.cssSelector("#main form button[type=submit]")));
    }

    private String statusCell(long id) {
        return driver.findElement(By.id("status-" + id)).getText();
    }

    @Test
    void theBoardShowsOrdersChangingStatusLive() throws Exception {
        driver = Browser.start();
        LocalDate today = LocalDate.now(clock);
        FieldServiceFixture.Made m = FieldServiceFixture.make(jdbc, meters, today.minusDays(60));
        FieldOrder order = AuditActor.runAs("test", () -> orders.create(new NewFieldOrder(FieldOrderTypes.METER_TEST,
                m.accountNumber(), m.premiseId(), "ELECTRIC", m.agreementId(), today, "HIGH", "browser test", null, null)));
        long id = order.id();

        signIn("dispatcher");
        driver.get(url("/dispatch?area=" + m.area()));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Dispatch board");
        assertThat(statusCell(id)).contains("CREATED");
        Browser.assertAccessible(driver, "/dispatch");

        new Select(driver.findElement(By.id("specialist-" + id))).selectByValue("field1");
        Browser.clickAndWaitForNextPage(driver, driver.findElement(By.cssSelector("#order-" + id + " form button[type=submit]")));
        assertThat(driver.findElement(By.cssSelector(".flash")).getText()).contains("dispatched to field1");
        assertThat(statusCell(id)).contains("DISPATCHED");
        assertThat(driver.findElement(By.id("assignee-" + id)).getText()).isEqualTo("field1");
        Browser.assertAccessible(driver, "/dispatch (after assigning)");

        // a marker that a reload would lose: the changes below must arrive without one
        driver.executeScript("window.boardMarker = 'still the same page';");
        WebDriverWait wait = Browser.liveWait(driver, Duration.ofSeconds(30));
        AuditActor.runAs("test", () -> orders.startRoute(id, "on the way"));
        wait.until(d -> statusCell(id).contains("EN ROUTE"));
        AuditActor.runAs("test", () -> orders.complete(id, null, "meter tested"));
        wait.until(d -> statusCell(id).contains("COMPLETED"));
        wait.until(d -> driver.findElement(By.id("actions-" + id)).getText().equals("Finished"));
        assertThat(driver.executeScript("return window.boardMarker;")).isEqualTo("still the same page");
        Browser.screenshot(driver, "dispatch-board-live");

        driver.manage().deleteAllCookies();
        signIn("field1");
        driver.get(url("/field"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("My field orders");
        assertThat(driver.findElement(By.id("main")).getText()).contains("#" + id);
        Browser.assertAccessible(driver, "/field");
    }
    @Autowired
    org.civicdesk.ledger.Ledger ledger;
    @Autowired
    org.civicdesk.cashiering.Payments payments;

    @Test
    void aPaymentThatCancelsAPendingDisconnectShowsTheDispatcherANoticeLive() throws Exception {
        driver = Browser.start();
        LocalDate today = LocalDate.now(clock);
        FieldServiceFixture.Made m = FieldServiceFixture.make(jdbc, meters, today.minusDays(90));
        // past due over the threshold, commercial (no summer moratorium): collections allows the disconnect
        jdbc.sql("update account set account_class = 'COMMERCIAL' where id = ?").param(m.accountId()).update();
        org.civicdesk.ledger.Receivable r = ledger.openReceivable("utility-account", "ELECTRIC", m.accountNumber(), "Flor Field");
        ledger.post(new org.civicdesk.ledger.JournalEntryRequest("test-charge:" + System.nanoTime(), today.minusDays(70), "billing",
                "Test charge", java.util.List.of(
                        org.civicdesk.ledger.JournalLineRequest.debit("ELECTRIC", "1200", org.civicdesk.platform.Money.of("300.00"))
                                .receivable(r.id()).due(today.minusDays(40)),
                        org.civicdesk.ledger.JournalLineRequest.credit("ELECTRIC", "4010", org.civicdesk.platform.Money.of("300.00")))));
        FieldOrder cut = AuditActor.runAs("test", () -> orders.create(new NewFieldOrder(FieldOrderTypes.DISCONNECT_NONPAY,
                m.accountNumber(), m.premiseId(), "ELECTRIC", m.agreementId(), today, null, "browser test", "collections",
                "browser:" + m.accountNumber())));

        signIn("dispatcher");
        driver.get(url("/dispatch?area=" + m.area()));
        assertThat(statusCell(cut.id())).contains("CREATED");
        driver.executeScript("window.boardMarker = 'still the same page';");

        // the customer pays $200 at the remittance desk: $100 past due is under the $150 threshold
        org.civicdesk.cashiering.CashieringFixture.signInWithAll("cashier-" + System.nanoTime());
        try {
            payments.post(new org.civicdesk.cashiering.NewPayment(org.civicdesk.cashiering.CashieringFixture.key(),
                    org.civicdesk.cashiering.TenderSource.REMITTANCE_DESK, null, today,
                    java.util.List.of(org.civicdesk.cashiering.CashieringFixture.check("200.00", "4411")),
                    java.util.List.of(new org.civicdesk.cashiering.NewPayment.Allocation(
                            new org.civicdesk.cashiering.PaymentTarget("utility-account", m.accountNumber()),
                            org.civicdesk.platform.Money.of("200.00"))), "Flor Field", null));
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        WebDriverWait wait = Browser.liveWait(driver, Duration.ofSeconds(30));
        wait.until(d -> statusCell(cut.id()).contains("CANCELLED"));
        wait.until(d -> driver.findElement(By.id("board-cancelled")).getText().contains("#" + cut.id()));
        String notice = driver.findElement(By.id("board-cancelled")).getText();
        assertThat(notice).contains("do not send anyone").contains("under the disconnect threshold of $150.00");
        assertThat(driver.executeScript("return window.boardMarker;")).isEqualTo("still the same page");
        Browser.assertAccessible(driver, "/dispatch (a payment cancelled a disconnect)");
        Browser.screenshot(driver, "dispatch-board-payment-notice");
    }
}

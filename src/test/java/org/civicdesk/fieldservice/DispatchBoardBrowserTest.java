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
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
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
}

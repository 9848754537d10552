package org.civicdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.civicdesk.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** A staff member signs in, opens every page of the foundation, and signs out, in headless Chromium. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StaffShellBrowserTest {

    @LocalServerPort
    int port;

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

    private void open(String path, String expectedHeading) {
        driver.get(url(path));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(expectedHeading);
        Browser.assertAccessible(driver, path);
        Browser.screenshot(driver, path.replaceAll("[^a-z0-9]+", "_"));
    }

    @Test
    void anAdministratorSignsInVisitsEveryPageAndSignsOut() throws Exception {
        driver = Browser.start();
        driver.get(url("/"));
        assertThat(driver.getCurrentUrl()).endsWith("/login");
        Browser.assertAccessible(driver, "/login");

        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("wrong-password-here");
        Browser.clickAndWaitForNextPage(driver, driver.findElement(By.cssSelector("#main form button[type=submit]")));
        assertThat(driver.findElement(By.id("login-error")).getText()).contains("Wrong user name or password.");
        Browser.assertAccessible(driver, "/login?error");

        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("civicdesk-demo");
        Browser.clickAndWaitForNextPage(driver, driver.findElement(By.cssSelector("#main form button[type=submit]")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Good day");
        Browser.assertAccessible(driver, "/");
        Browser.screenshot(driver, "home");

        open("/approvals", "Approvals");
        open("/audit", "Audit trail");
        open("/audit?actor=admin", "Audit trail");
        assertThat(driver.findElement(By.tagName("table")).getText()).contains("signed-in");
        open("/admin/users", "Staff users");
        open("/admin/users/new", "New staff user");
        driver.findElement(By.id("username")).sendKeys("browser" + System.nanoTime() % 100000);
        Browser.clickAndWaitForNextPage(driver, driver.findElement(By.cssSelector("#main form button[type=submit]")));
        assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Enter the person's name");
        Browser.assertAccessible(driver, "/admin/users (form errors)");
        driver.findElement(By.id("displayName")).sendKeys("Browser Tester");
        driver.findElement(By.id("role-CASHIER")).click();
        Browser.clickAndWaitForNextPage(driver, driver.findElement(By.cssSelector("#main form button[type=submit]")));
        assertThat(driver.findElement(By.cssSelector(".secret")).getText()).hasSize(19);
        Browser.assertAccessible(driver, "/admin/users/{id}");
        open("/account/password", "Change your password");
        open("/search?q=adm", "Search");
        assertThat(driver.findElement(By.id("main")).getText()).contains("Alex Admin");
        for (String[] page : LEDGER_PAGES) {
            open(page[0], page[1]);
        }

        Browser.clickAndWaitForNextPage(driver, driver.findElement(By.cssSelector(".user-menu button")));
        // the sign-out is a form POST: on a loaded machine the click can return before the next page
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/login?signedOut"));
        assertThat(driver.getCurrentUrl()).contains("/login?signedOut");
        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).contains("You have signed out.");
        driver.get(url("/admin/users"));
        assertThat(driver.getCurrentUrl()).endsWith("/login");
    }

    /** The ledger's pages, visited by the same walk. */
    static final String[][] LEDGER_PAGES = {
            {"/ledger/trial-balance", "Trial balance"},
            {"/ledger/trial-balance?fund=WATER", "Trial balance"},
            {"/ledger/entries", "Journal entries"},
            {"/ledger/periods", "Accounting periods"},
            {"/fees", "Fee schedule"}};
}

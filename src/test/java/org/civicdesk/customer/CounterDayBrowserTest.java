package org.civicdesk.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicdesk.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 3's day at the counter, in headless Chromium: a new specialist signs in, starts service for a new customer,
 * changes the mailing address, logs a call, opens and resolves a dispute, sends a letter, transfers the service to
 * another premise and stops it; every step shows on the account screen and in the audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CounterDayBrowserTest {

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

    private long premise(String street, String zip) {
        return jdbc.sql("""
                insert into premise (address_line1, city, state, zip, premise_type, billing_cycle, route, services_available, created_at)
                values (?, 'Mesa', 'AZ', ?, 'SINGLE_FAMILY', 3, 'R03', '{WATER,WASTEWATER,SOLID_WASTE}', now()) returning id
                """).param(street).param(zip).query(Long.class).single();
    }

    @Test
    void aNewSpecialistWorksAWholeCustomerStoryAndFindsItAllOnTheAccountAndInTheAuditTrail() throws Exception {
        driver = Browser.start();
        String tag = Long.toString(System.nanoTime() % 1_000_000, 36);
        String street1 = "1200 E Counterday" + tag + " St";
        String street2 = "88 W Counterday" + tag + " Ave";
        long premise1 = premise(street1, "85203");
        long premise2 = premise(street2, "85204");
        LocalDate today = LocalDate.now(ZoneId.of("America/Phoenix"));

        // an administrator creates the new specialist
        signIn("admin", "civicdesk-demo");
        driver.get(url("/admin/users/new"));
        String username = "newcsr" + tag;
        type("username", username);
        type("displayName", "Nora Newhire");
        byId("role-CUSTOMER_SERVICE_SPECIALIST").click();
        submit("Create user");
        String temporary = driver.findElement(By.cssSelector(".secret")).getText();
        signOut();

        // the new user signs in and must choose a password first
        signIn(username, temporary);
        assertThat(driver.getCurrentUrl()).contains("/account/password");
        type("currentPassword", temporary);
        type("newPassword", "counter-day-2026!");
        type("confirmPassword", "counter-day-2026!");
        submit("Change password");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Nora Newhire");

        // start service for a new customer
        driver.get(url("/service/start?premiseQuery=" + java.net.URLEncoder.encode(street1, "UTF-8")));
        byId("premise-" + premise1).click();
        type("customer.firstName", "Rosa");
        type("customer.lastName", "Counterday" + tag);
        new Select(byId("customer.preferredLanguage")).selectByValue("es");
        type("customer.phones[0]", "(480) 555-0142");
        type("customer.emails[0]", "rosa." + tag + "@example.com");
        new Select(byId("customer.documents[0].type")).selectByValue("DRIVER_LICENSE");
        type("customer.documents[0].number", "D0" + tag.toUpperCase() + "77");
        type("customer.documents[0].issuer", "AZ");
        setDate("customer.documents[0].expiresOn", today.plusYears(3));
        new Select(byId("occupancyDocType")).selectByValue("LEASE");
        type("occupancyReference", "Lease 2026-" + tag);
        byId("service-WATER").click();
        byId("service-WASTEWATER").click();
        setDate("startDate", today);
        Browser.assertAccessible(driver, "/service/start");
        submit("Start service");

        Matcher m = Pattern.compile("/accounts/([0-9]{10})").matcher(driver.getCurrentUrl());
        assertThat(m.find()).as("account screen after start: " + driver.getCurrentUrl()).isTrue();
        String account = m.group(1);
        assertThat(mainText()).contains("Rosa Counterday" + tag).contains(street1).contains("WATER");
        Browser.assertAccessible(driver, "/accounts/{n}");
        Browser.screenshot(driver, "account-after-start");

        // change the mailing address
        driver.get(url("/accounts/" + account + "/edit"));
        type("mailing.line1", "PO Box 4" + tag);
        type("mailing.city", "Mesa");
        type("mailing.state", "AZ");
        type("mailing.zip", "85211");
        submit("Save changes");
        driver.get(url("/accounts/" + account));
        assertThat(mainText()).contains("PO Box 4" + tag);

        // log a call
        driver.get(url("/accounts/" + account + "/contacts/new"));
        byId("channel").click();
        new Select(byId("reason")).selectByIndex(1);
        type("notes", "Asked when the first bill comes " + tag);
        submit("Log contact");

        // open a billing dispute and resolve it
        driver.get(url("/accounts/" + account + "/cases/new"));
        new Select(byId("type")).selectByValue("BILLING_DISPUTE");
        type("subject", "Set-up fee disputed " + tag);
        type("disputedAmount", "11.00");
        submit("Open case");
        assertThat(driver.getCurrentUrl()).contains("/cases/");
        new Select(byId("status")).selectByValue("RESOLVED");
        type("resolution", "Fee explained; the customer agrees " + tag);
        submit("Change status");
        assertThat(mainText()).containsIgnoringCase("resolved");

        // send a letter
        driver.get(url("/accounts/" + account + "/letters/new"));
        new Select(byId("templateCode")).selectByValue("WELCOME");
        submit("Send letter");

        // transfer to another premise, then stop
        driver.get(url("/accounts/" + account + "/transfer?premiseQuery=" + java.net.URLEncoder.encode(street2, "UTF-8")));
        byId("to-" + premise2).click();
        setDate("stopDate", today.plusDays(7));
        setDate("startDate", today.plusDays(7));
        new Select(byId("occupancyDocType")).selectByValue("LEASE");
        type("occupancyReference", "Lease 2027-" + tag);
        Browser.assertAccessible(driver, "/accounts/{n}/transfer");
        submit("Transfer service");
        assertThat(mainText()).contains(street2);

        driver.get(url("/accounts/" + account + "/stop"));
        driver.findElements(By.cssSelector("input[name=services]")).forEach(WebElement::click);
        setDate("stopDate", today.plusDays(30));
        submit("Stop service");

        // everything on the account screen
        driver.get(url("/accounts/" + account));
        String screen = mainText();
        assertThat(screen).contains("Asked when the first bill comes " + tag)
                .contains("Set-up fee disputed " + tag)
                .containsIgnoringCase("welcome")
                .contains(street2);
        Browser.assertAccessible(driver, "/accounts/{n} at the end");
        Browser.screenshot(driver, "account-at-end-of-day");
        signOut();

        // ... and in the audit trail, read by a supervisor
        signIn("supervisor", "civicdesk-demo");
        driver.get(url("/audit?recordType=account&recordId=" + account));
        String trail = mainText();
        assertThat(trail).contains(username)
                .contains("service-started").contains("changed").contains("contact-logged").contains("case-opened")
                .contains("letter-sent").contains("service-transferred").contains("service-stopped");
        Browser.assertAccessible(driver, "/audit for the account");
    }
}

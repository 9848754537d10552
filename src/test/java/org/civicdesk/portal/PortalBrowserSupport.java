package org.civicdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.platform.Money;
import org.civicdesk.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the portal's browser walks share: the running application with its SMTP pointed at an in-process GreenMail
 * server (one context for every walk that extends this), headless Chromium, a demo account with an issued bill,
 * the e-mailed links, axe checks and the guide's screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class PortalBrowserSupport {

    /** A fixed free port, so that the server can be stopped and started again on it by each walk. */
    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected void type(String id, String text) {
        Browser.type(driver, id, text);
    }

    protected void submit(String buttonText) {
        Browser.submit(driver, buttonText);
    }

    protected void click(By target) {
        Browser.clickAndWaitForNextPage(driver, driver.findElement(target));
    }

    protected String main() {
        return Browser.mainText(driver);
    }

    protected void axe(String page) {
        Browser.assertAccessible(driver, page + " (" + driver.findElement(By.tagName("html")).getAttribute("lang") + ")");
    }

    /** The document is no wider than the window: nothing to scroll sideways. */
    protected void noHorizontalScroll(String page) {
        Object overflow = driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as(page + " scrolls sideways by px").isLessThanOrEqualTo(0);
    }

    protected void windowWidth(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
    }

    /**
     * A screenshot for docs/PORTAL-GUIDE.md, at a phone's width, taken only when asked
     * ({@code -Dcivicdesk.guide-screenshots=true}) so that an ordinary test run leaves the docs alone.
     */
    protected void guideShot(String name) {
        if (!Boolean.getBoolean("civicdesk.guide-screenshots")) {
            return;
        }
        try {
            Dimension before = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(480, 860));
            Path dir = Path.of("docs", "img", "portal");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(before);
        } catch (Exception e) {
            System.err.println("guide screenshot " + name + " failed: " + e);
        }
    }

    /** A demo city account with water and wastewater, not yet on the portal, with an issued bill. */
    protected record DemoAccount(String accountNumber, String name, String amountDue, LocalDate billDate, long accountId) {
    }

    protected DemoAccount demoAccountWithBill() {
        Map<String, Object> row = jdbc.sql("""
                select a.id, a.account_number, c.display_name, w.id as water, s.id as sewer
                  from account a join customer c on c.id = a.customer_id
                  join service_agreement w on w.account_id = a.id and w.service_type = 'WATER' and w.status = 'ACTIVE'
                  join service_agreement s on s.account_id = a.id and s.service_type = 'WASTEWATER' and s.status = 'ACTIVE'
                 where a.status = 'ACTIVE' and c.kind = 'PERSON' and c.display_name not like '%Billtester%'
                   and not exists (select 1 from portal_login_account pla where pla.account_number = a.account_number)
                   and not exists (select 1 from account_alert al where al.account_id = a.id and al.ended_at is null)
                 order by a.id limit 1""").query().singleRow();
        TestBills.TestAccount a = new TestBills.TestAccount(((Number) row.get("id")).longValue(),
                (String) row.get("account_number"), (String) row.get("display_name"),
                ((Number) row.get("water")).longValue(), ((Number) row.get("sewer")).longValue(), "");
        LocalDate read = LocalDate.now().minusDays(10);
        long billId = TestBills.bill(jdbc, a, new TestBills.Period(read.minusDays(30), read, 8, null, false), "en",
                Money.ZERO, Money.ZERO, null);
        Map<String, Object> bill = jdbc.sql("select total_due, bill_date from bill where id = ?").param(billId).query().singleRow();
        return new DemoAccount(a.accountNumber(), a.customerName(), bill.get("total_due").toString(),
                ((java.sql.Date) bill.get("bill_date")).toLocalDate(), a.accountId());
    }

    /** The latest e-mail to the address whose subject starts so, waited for; its decoded text. */
    protected String mailTo(String address, String subjectStart) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            MimeMessage[] all = smtp.getReceivedMessages();
            for (int i = all.length - 1; i >= 0; i--) {
                MimeMessage m = all[i];
                if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains(address)
                        && m.getSubject().startsWith(subjectStart)) {
                    return String.valueOf(m.getContent());
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no e-mail to " + address + " about " + subjectStart);
    }

    /** The link to a portal path in an e-mail's text. */
    protected static String link(String text, String path) {
        Matcher m = Pattern.compile("https?://\\S+" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_-]+").matcher(text);
        assertThat(m.find()).as("a " + path + " link in " + text).isTrue();
        return m.group();
    }

    protected static int messagesTo(String address) throws Exception {
        int n = 0;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains(address)) {
                n++;
            }
        }
        return n;
    }
}

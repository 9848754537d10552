package org.civicdesk.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium, with axe-core checks. Nothing is downloaded: the browser and
 * driver come from the chromium and chromium-driver packages (.ci/run installs them). Without them the
 * browser tests are skipped, loudly.
 */
public final class Browser {

    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
    static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

    private Browser() {
    }

    public static ChromeDriver start() throws Exception {
        boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
        if (!present) {
            System.err.println("SKIPPING browser test: install Debian's chromium and chromium-driver (see .ci/run)");
        }
        Assumptions.assumeTrue(present, "chromium and chromedriver are not installed");
        Path profile = Files.createTempDirectory("civicdesk-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        return driver;
    }

    /**
     * A wait for a live page: htmx swaps replace an element between finding it and reading it, which is a stale
     * element, not a failure; the wait looks again.
     */
    public static org.openqa.selenium.support.ui.WebDriverWait liveWait(ChromeDriver driver, Duration timeout) {
        org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, timeout);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Clicks something that loads a new page (a form's submit button, a sign-out) and waits until the old page is
     * gone; without the wait a loaded machine lets the next find read the old page and fail as stale.
     */
    public static void clickAndWaitForNextPage(ChromeDriver driver, org.openqa.selenium.WebElement target) {
        org.openqa.selenium.WebElement page = driver.findElement(org.openqa.selenium.By.tagName("html"));
        target.click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> gone(page));
    }

    /**
     * Whether an element's page has gone. Chromium sometimes answers a look at an element of an unloaded page with
     * an inspector error (node does not belong to the document) rather than a stale element: both mean gone.
     */
    private static boolean gone(org.openqa.selenium.WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Fails on any serious or critical WCAG 2.1 A/AA violation of the current page. */
    public static void assertAccessible(ChromeDriver driver, String page) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        List<Rule> serious = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertThat(serious).as(page + " accessibility: " + serious.stream()
                .map(v -> v.getId() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining("; "))).isEmpty();
    }

    public static void screenshot(ChromeDriver driver, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    // ---- what every staff walk does on a page (the walks keep one-line delegates with their own names)

    /** Clears the field with this id and types the text. */
    public static void type(ChromeDriver driver, String id, String text) {
        org.openqa.selenium.WebElement e = driver.findElement(org.openqa.selenium.By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    /** Sets a date input's value directly (typing into it depends on the browser's locale). */
    public static void setDate(ChromeDriver driver, String id, java.time.LocalDate date) {
        driver.executeScript("arguments[0].value = arguments[1]", driver.findElement(org.openqa.selenium.By.id(id)),
                date.toString());
    }

    /** Presses the main form's submit button with this text and waits for the next page. */
    public static void submit(ChromeDriver driver, String buttonText) {
        org.openqa.selenium.WebElement button = driver.findElements(
                        org.openqa.selenium.By.cssSelector("#main form button[type=submit]")).stream()
                .filter(b -> b.getText().trim().equals(buttonText)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + buttonText + " on " + driver.getCurrentUrl()));
        clickAndWaitForNextPage(driver, button);
    }

    /** Signs a staff user in through the sign-in page at baseUrl. */
    public static void signIn(ChromeDriver driver, String baseUrl, String username, String password) {
        driver.get(baseUrl + "/login");
        type(driver, "username", username);
        type(driver, "password", password);
        clickAndWaitForNextPage(driver, driver.findElement(
                org.openqa.selenium.By.cssSelector("#main form button[type=submit]")));
    }

    public static void signOut(ChromeDriver driver) {
        clickAndWaitForNextPage(driver, driver.findElement(org.openqa.selenium.By.cssSelector(".user-menu button")));
    }

    /** The text of the page's main region. */
    public static String mainText(ChromeDriver driver) {
        return driver.findElement(org.openqa.selenium.By.id("main")).getText();
    }
}

package org.civicdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.civicdesk.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A member of the public in headless Chromium: registers for a demo account, confirms the e-mail through the link
 * GreenMail received, signs out, resets the password by the e-mailed link, signs in with it and switches to
 * Spanish. Every page passes axe's WCAG 2.1 AA rules in English and in Spanish, and the pages fit a 320 px screen.
 * It also takes the screenshots of docs/PORTAL-GUIDE.md.
 */
class PortalAccessBrowserTest extends PortalBrowserSupport {

    static final String FIRST_PASSWORD = "Palo-Verde-Blossom-1";
    static final String NEW_PASSWORD = "Desert-Marigold-2026";

    @Test
    void registerVerifyResetAndSpanish() throws Exception {
        DemoAccount account = demoAccountWithBill();
        String email = "walk-" + System.nanoTime() + "@example.org";
        driver = Browser.start();

        driver.get(url("/portal"));
        assertThat(driver.getCurrentUrl()).endsWith("/portal/sign-in");
        axe("sign-in");
        guideShot("01-sign-in");
        click(By.linkText("New here? Register with your account number"));
        axe("register");

        // a wrong fact is answered like a right one: no e-mail comes
        type("accountNumber", account.accountNumber());
        type("nameOnBill", account.name());
        type("billAmount", "0.01");
        type("email", email);
        type("password", FIRST_PASSWORD);
        submit("Register");
        assertThat(main()).contains("Check your e-mail");
        driver.get(url("/portal/register"));
        type("accountNumber", account.accountNumber());
        type("nameOnBill", account.name());
        type("billAmount", account.amountDue());
        type("email", email);
        type("password", FIRST_PASSWORD);
        guideShot("02-register");
        submit("Register");
        assertThat(main()).contains("Check your e-mail");
        axe("registered");

        String verify = link(mailTo(email, "Confirm your e-mail"), "/portal/verify");
        assertThat(messagesTo(email)).isEqualTo(1);
        driver.get(verify);
        axe("verify");
        submit("Confirm my e-mail address");
        assertThat(main()).contains("Your e-mail address is confirmed");

        type("email", email);
        type("password", FIRST_PASSWORD);
        submit("Sign in");
        assertThat(driver.getCurrentUrl()).endsWith("/portal");
        assertThat(main()).contains("Account " + account.accountNumber());
        axe("home");
        guideShot("03-home");
        for (String page : new String[] {"/portal/profile", "/portal/premises", "/portal/link", "/portal/profile/totp"}) {
            driver.get(url(page));
            axe(page);
        }
        driver.get(url("/portal/profile"));
        guideShot("04-profile");
        click(By.cssSelector(".sign-out"));
        assertThat(main()).contains("You have signed out");

        // forgotten password: the link by e-mail, then the new password
        click(By.linkText("Forgot your password?"));
        axe("forgot");
        type("email", email);
        submit("Send me a link");
        assertThat(main()).contains("If that e-mail address has a portal sign-in");
        axe("forgot-sent");
        String reset = link(mailTo(email, "Choose a new password"), "/portal/reset");
        driver.get(reset);
        axe("reset");
        guideShot("05-reset");
        type("password", "short");
        submit("Save the new password");
        assertThat(main()).contains("at least 12 characters");
        axe("reset with an error");
        type("password", NEW_PASSWORD);
        submit("Save the new password");
        assertThat(main()).contains("Your new password is saved");
        type("email", email);
        type("password", FIRST_PASSWORD);
        submit("Sign in");
        assertThat(main()).contains("Wrong e-mail address or password");
        axe("sign-in with an error");
        type("email", email);
        type("password", NEW_PASSWORD);
        submit("Sign in");
        assertThat(driver.getCurrentUrl()).endsWith("/portal");

        // Spanish, remembered on the login
        click(By.cssSelector(".language-switch"));
        assertThat(main()).contains("Sus cuentas").contains("Cuenta " + account.accountNumber());
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        axe("inicio");
        guideShot("06-home-es");
        for (String page : new String[] {"/portal/profile", "/portal/premises", "/portal/link", "/portal/profile/totp"}) {
            driver.get(url(page));
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
            axe(page);
        }
        assertThat(jdbc.sql("select language from portal_login where email = ?").param(email).query(String.class).single())
                .isEqualTo("es");
        click(By.cssSelector(".sign-out"));
        assertThat(main()).contains("Ha cerrado la sesión");
        axe("iniciar sesión");
        for (String page : new String[] {"/portal/register", "/portal/forgot"}) {
            driver.get(url(page));
            axe(page);
        }
        driver.get(url("/portal/reset?token=gastado"));
        assertThat(main()).contains("Este enlace no funciona");
        axe("enlace vencido");

        // a phone 320 px wide: nothing scrolls sideways
        windowWidth(320);
        for (String page : new String[] {"/portal/sign-in", "/portal/register", "/portal/forgot"}) {
            driver.get(url(page));
            noHorizontalScroll(page);
        }
        driver.get(url("/portal/sign-in"));
        type("email", email);
        type("password", NEW_PASSWORD);
        submit("Iniciar sesión");
        for (String page : new String[] {"/portal", "/portal/profile", "/portal/premises", "/portal/link"}) {
            driver.get(url(page));
            noHorizontalScroll(page);
        }
    }
}

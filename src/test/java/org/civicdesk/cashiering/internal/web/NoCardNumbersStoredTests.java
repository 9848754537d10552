package org.civicdesk.cashiering.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicdesk.cashiering.CashieringFixture;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * PCI DSS 3.3.1/3.4.1: after card payments through the hosted step and the counter, no table (every text,
 * json and bytea column) and no log line holds anything that looks like a card number.
 */
@CivicDeskTest
@ExtendWith(OutputCaptureExtension.class)
class NoCardNumbersStoredTests {

    private static final List<String> CARDS = List.of("4242 4242 4242 4242", "5555-5555-5555-4444", "378282246310005",
            "4000 0000 0000 0002");
    /** A run of 13 to 19 digits, spaces or dashes allowed between groups, not glued to a test key or name. */
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RUN = Pattern.compile("(?<![0-9A-Za-z-])(?:[0-9][ -]?){12,18}[0-9](?![0-9])");

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void noCardNumberIsInTheDatabaseOrTheLogsAfterCardPayments(CapturedOutput output) throws Exception {
        // other tests of this JVM leave number-like values (nano-time keys and names): only new ones count
        java.util.Set<String> before = new java.util.HashSet<>(scanDatabase());
        CashieringFixture.TestAccount a = CashieringFixture.account(jdbc, "en", "ACTIVE");
        String page = mvc.perform(get("/cashiering").with(httpBasic("cashier", "civicdesk-demo")))
                .andReturn().getResponse().getContentAsString();
        if (page.contains("Open your drawer")) {
            mvc.perform(post("/cashiering/drawer/open").with(httpBasic("cashier", "civicdesk-demo")).with(csrf())
                    .param("openingFloat", "200.00")).andExpect(status().is3xxRedirection());
        }
        for (String card : CARDS) {
            String location = mvc.perform(post("/test-card-processor/hosted").with(httpBasic("cashier", "civicdesk-demo"))
                            .with(csrf()).param("cardNumber", card).param("amount", "3.00"))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
            Matcher token = Pattern.compile("cardToken=([a-z_]+)").matcher(location);
            Matcher last4 = Pattern.compile("cardLast4=([0-9]{4})").matcher(location);
            assertThat(token.find() && last4.find()).isTrue();
            mvc.perform(post("/cashiering/payments").with(httpBasic("cashier", "civicdesk-demo")).with(csrf())
                    .param("idempotencyKey", "pci-" + System.nanoTime())
                    .param("allocations[0].receivableType", "utility-account").param("allocations[0].reference", a.accountNumber())
                    .param("allocations[0].amount", "3.00")
                    .param("tenders[0].type", "CREDIT_CARD").param("tenders[0].amount", "3.00")
                    .param("tenders[0].cardToken", token.group(1)).param("tenders[0].cardBrand", "CARD")
                    .param("tenders[0].cardLast4", last4.group(1)));
        }
        assertThat(jdbc.sql("""
                select count(*) from cashiering_payment_tender t join cashiering_payment_allocation a on a.payment_id = t.payment_id
                where a.target_reference = ? and t.card_token like 'tok_test_%'""").param(a.accountNumber())
                .query(Long.class).single()).isEqualTo(3);

        // the scan itself finds a number where there is one
        assertThat(cardLike("paid with 4242 4242 4242 4242 today")).hasSize(1);
        List<String> after = scanDatabase();
        List<String> found = new ArrayList<>(after);
        found.removeAll(before);
        cardLike(output.getAll()).forEach(n -> found.add("log: " + n));
        // and the numbers typed at the hosted step are nowhere, not even in values that existed before
        for (String card : CARDS) {
            String digits = card.replaceAll("[ -]", "");
            for (String hit : after) {
                if (hit.endsWith(digits.substring(0, 4) + "..." + digits.substring(digits.length() - 4))) {
                    found.add("test card " + hit);
                }
            }
            if (output.getAll().replaceAll("[ -]", "").contains(digits)) {
                found.add("log: test card " + digits.substring(digits.length() - 4));
            }
        }
        assertThat(found).as("card-number-like values").isEmpty();
    }

    private List<String> scanDatabase() {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.sql("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'bytea')""")
                .query().listOfRows();
        for (Map<String, Object> c : columns) {
            String table = (String) c.get("table_name");
            String column = (String) c.get("column_name");
            String expr = "bytea".equals(c.get("data_type")) ? "encode(\"" + column + "\", 'escape')" : "\"" + column + "\"::text";
            List<String> values = jdbc.sql("select " + expr + " from \"" + table + "\" where " + expr + " ~ '[0-9]([ -]?[0-9]){12,18}'")
                    .query(String.class).list();
            for (String v : values) {
                // a SHA-256 digest (content hashes, file hashes) is no card number, though now and then one starts
                // with a Luhn-valid run of digits (seen: a payment's content_hash starting 9081...)
                if (SHA256_HEX.matcher(v).matches()) {
                    continue;
                }
                cardLike(v).forEach(n -> found.add(table + "." + column + ": " + n));
            }
        }
        return found;
    }

    /** Luhn-valid digit runs of 13 to 19 digits. */
    static List<String> cardLike(String text) {
        List<String> hits = new ArrayList<>();
        Matcher m = RUN.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                hits.add(digits.substring(0, 4) + "..." + digits.substring(digits.length() - 4));
            }
        }
        return hits;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}

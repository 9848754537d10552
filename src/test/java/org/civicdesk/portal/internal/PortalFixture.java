package org.civicdesk.portal.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Test data for the portal: an account with issued bills, and the links the outbox holds for an address. */
final class PortalFixture {

    private static final AtomicInteger N = new AtomicInteger();

    /** An account a test may register for, with the facts of its latest bill. */
    record BilledAccount(String accountNumber, String name, BigDecimal lastAmount, LocalDate lastBillDate,
            long accountId) {
    }

    private PortalFixture() {
    }

    static BilledAccount billedAccount(JdbcClient jdbc) {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        TestBills.bill(jdbc, a, new TestBills.Period(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 9, 1), 7, null, false),
                "en", Money.ZERO, Money.ZERO, null);
        long last = TestBills.bill(jdbc, a, new TestBills.Period(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1), 9,
                null, false), "en", Money.ZERO, Money.ZERO, null);
        Map<String, Object> bill = jdbc.sql("select total_due, bill_date from bill where id = ?").param(last).query().singleRow();
        return new BilledAccount(a.accountNumber(), a.customerName(), (BigDecimal) bill.get("total_due"),
                ((java.sql.Date) bill.get("bill_date")).toLocalDate(), a.accountId());
    }

    static String uniqueEmail(String who) {
        return who + "-" + System.nanoTime() + "-" + N.incrementAndGet() + "@example.org";
    }

    /** A fresh made-up client address, so that rate limits of one test never touch another's. */
    static String uniqueAddress() {
        int n = N.incrementAndGet() + (int) (System.nanoTime() % 5000) * 7;
        return "10." + (n / 62500 % 250) + "." + (n / 250 % 250) + "." + (n % 250 + 1);
    }

    /** The e-mails queued for the address (subject and body), oldest first. */
    static List<Map<String, Object>> mails(JdbcClient jdbc, String to) {
        return jdbc.sql("select purpose, subject, body, status from outbound_email where email_to = ? order by id")
                .param(to).query().listOfRows();
    }

    /** The token of the latest link to this portal path in the mails to the address. */
    static String latestToken(JdbcClient jdbc, String to, String path) {
        String token = null;
        Pattern p = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)");
        for (Map<String, Object> m : mails(jdbc, to)) {
            if (m.get("body") == null) {
                continue;
            }
            Matcher matcher = p.matcher((String) m.get("body"));
            if (matcher.find()) {
                token = matcher.group(1);
            }
        }
        if (token == null) {
            throw new AssertionError("no " + path + " link in the mails to " + to + ": " + mails(jdbc, to));
        }
        return token;
    }
}

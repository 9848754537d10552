package org.civicdesk.billing;

import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Money;

/**
 * The OCR scan line of a bill's remittance stub: account number (10 digits), bill id (10 digits, zero
 * padded), amount due in cents (9 digits) and a mod-10 check digit over the 29 digits before it, separated by
 * single spaces. The lockbox sends it back in remittance files; cashiering parses it with {@link #parse}.
 */
public record ScanLine(String accountNumber, long billId, Money amountDue) {

    public String format() {
        String digits = accountNumber + String.format("%010d", billId) + String.format("%09d", amountDue.cents());
        return accountNumber + " " + String.format("%010d", billId) + " " + String.format("%09d", amountDue.cents())
                + " " + checkDigit(digits);
    }

    public static ScanLine parse(String text) {
        String digits = text == null ? "" : text.replaceAll("\\s", "");
        if (!digits.matches("[0-9]{30}")) {
            throw new BusinessRuleViolation("billing.scan-line", "scanLine",
                    "A scan line is 30 digits (account, bill, amount in cents, check digit)");
        }
        if (checkDigit(digits.substring(0, 29)) != digits.charAt(29) - '0') {
            throw new BusinessRuleViolation("billing.scan-line", "scanLine", "The scan line's check digit is wrong");
        }
        return new ScanLine(digits.substring(0, 10), Long.parseLong(digits.substring(10, 20)),
                Money.ofCents(Long.parseLong(digits.substring(20, 29))));
    }

    /** Luhn over the digits, as on most US utility stubs. */
    static int checkDigit(String digits) {
        int sum = 0;
        boolean doubled = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}

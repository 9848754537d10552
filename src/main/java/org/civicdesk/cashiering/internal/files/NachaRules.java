package org.civicdesk.cashiering.internal.files;

/** Facts of the NACHA format shared by the reader and the writer. */
public final class NachaRules {

    static final int RECORD_LENGTH = 94;
    static final int BLOCKING_FACTOR = 10;
    static final String PADDING = "9".repeat(RECORD_LENGTH);

    private NachaRules() {
    }

    /**
     * Transaction codes whose second digit is 5 to 9 move money out of the receiver's account (debits: 27
     * checking debit, 26 its return, 37 savings debit...); 0 to 4 are credits.
     */
    static boolean isDebit(String transactionCode) {
        return transactionCode.charAt(1) >= '5';
    }

    static boolean isKnownTransactionCode(String code) {
        return switch (code) {
            case "21", "22", "23", "24", "26", "27", "28", "29", "31", "32", "33", "34", "36", "37", "38", "39",
                    "41", "42", "43", "46", "47", "48", "51", "52", "53", "55", "56" -> true;
            default -> false;
        };
    }

    static boolean isDishonoredOrContested(String returnReasonCode) {
        return switch (returnReasonCode) {
            case "R61", "R67", "R68", "R69", "R70", "R71", "R72", "R73", "R74", "R75", "R76", "R77" -> true;
            default -> false;
        };
    }

    /** ABA routing number check digit: weights 3, 7, 1 over the first eight digits. */
    static int routingCheckDigit(String firstEight) {
        int[] weights = {3, 7, 1, 3, 7, 1, 3, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (firstEight.charAt(i) - '0') * weights[i];
        }
        return (10 - sum % 10) % 10;
    }

    public static boolean isValidRoutingNumber(String routing) {
        return routing != null && routing.length() == 9 && FileText.digits(routing)
                && routingCheckDigit(routing.substring(0, 8)) == routing.charAt(8) - '0';
    }
}

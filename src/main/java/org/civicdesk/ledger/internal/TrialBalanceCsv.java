package org.civicdesk.ledger.internal;

import org.civicdesk.ledger.TrialBalance;

/** A trial balance as CSV (RFC 4180), for spreadsheets. */
final class TrialBalanceCsv {

    private TrialBalanceCsv() {
    }

    static String write(TrialBalance tb) {
        StringBuilder csv = new StringBuilder("fund,as_of,account,name,type,normal_balance,debits,credits,balance\r\n");
        for (TrialBalance.Row r : tb.rows()) {
            csv.append(String.join(",", tb.fund().code(), tb.asOf().toString(), r.account().code(),
                    quote(r.account().name()), r.account().type().name(), r.account().normalBalance().name(),
                    r.debits().toString(), r.credits().toString(), r.balance().toString())).append("\r\n");
        }
        csv.append(String.join(",", tb.fund().code(), tb.asOf().toString(), "", "Total", "", "",
                tb.totalDebits().toString(), tb.totalCredits().toString(), "")).append("\r\n");
        return csv.toString();
    }

    static String fileName(TrialBalance tb) {
        return "trial-balance-" + tb.fund().code() + "-" + tb.asOf() + ".csv";
    }

    private static String quote(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.startsWith("=")
                || text.startsWith("+") || text.startsWith("-") || text.startsWith("@")) {
            return "\"" + (text.matches("^[=+\\-@].*") ? "'" : "") + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}

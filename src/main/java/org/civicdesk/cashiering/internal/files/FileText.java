package org.civicdesk.cashiering.internal.files;

import java.util.ArrayList;
import java.util.List;

/** Splitting uploaded text into physical lines the same way for every format. */
final class FileText {

    /** Far above any real file (a lockbox batch has thousands of lines), far below what would exhaust memory. */
    static final int MAX_LINES = 2_000_000;

    private FileText() {
    }

    /**
     * Lines without their CR/LF endings; a UTF-8 byte order mark and trailing empty lines are dropped.
     */
    static List<String> lines(String text, String format) {
        if (text == null || text.isEmpty()) {
            throw new MalformedPaymentFile(format, 0, "the file is empty");
        }
        String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            if (i == body.length() || body.charAt(i) == '\n') {
                int end = i;
                if (end > start && body.charAt(end - 1) == '\r') {
                    end--;
                }
                lines.add(body.substring(start, end));
                start = i + 1;
                if (lines.size() > MAX_LINES) {
                    throw new MalformedPaymentFile(format, lines.size(), "more than " + MAX_LINES + " lines");
                }
            }
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new MalformedPaymentFile(format, 0, "the file is empty");
        }
        return lines;
    }

    static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

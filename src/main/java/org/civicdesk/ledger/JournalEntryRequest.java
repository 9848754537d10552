package org.civicdesk.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.Money;

/**
 * A journal entry to post. It cannot be built unbalanced: in every fund it touches, its debits equal its
 * credits (funds are self-balancing), and it has at least two lines.
 *
 * @param idempotencyKey one key per business event (e.g. {@code bill:2026-11:12345}); posting again with
 *                       the same key and content returns the original entry, with other content is refused
 * @param businessDate   the accounting date; it decides the period
 * @param source         who posts, e.g. {@code manual}, {@code billing}, {@code cashiering}
 */
public record JournalEntryRequest(String idempotencyKey, LocalDate businessDate, String source, String memo,
        List<JournalLineRequest> lines) {

    public JournalEntryRequest {
        List<FieldProblem> problems = new ArrayList<>();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            problems.add(new FieldProblem("idempotencyKey", "Every posting needs an idempotency key"));
        } else if (idempotencyKey.length() > 200) {
            problems.add(new FieldProblem("idempotencyKey", "An idempotency key has at most 200 characters"));
        }
        if (businessDate == null) {
            problems.add(new FieldProblem("businessDate", "Give the business date of the entry"));
        }
        if (source == null || source.isBlank()) {
            problems.add(new FieldProblem("source", "Name the source of the entry"));
        }
        if (memo == null || memo.isBlank()) {
            problems.add(new FieldProblem("memo", "Say what the entry is for"));
        }
        if (lines == null || lines.size() < 2) {
            problems.add(new FieldProblem("lines", "An entry has at least two lines"));
        } else {
            for (Map.Entry<String, Money[]> fund : totalsByFund(lines).entrySet()) {
                Money debits = fund.getValue()[0];
                Money credits = fund.getValue()[1];
                if (!debits.equals(credits)) {
                    problems.add(new FieldProblem("lines", "Debits " + debits + " do not equal credits " + credits
                            + " in fund " + fund.getKey() + "; every fund's lines must balance"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation(problems.stream().anyMatch(p -> p.reason().startsWith("Debits"))
                    ? "ledger.unbalanced" : "ledger.invalid-entry",
                    "The journal entry cannot be posted: " + problems.get(0).reason(), problems);
        }
        idempotencyKey = idempotencyKey.trim();
        memo = memo.trim();
        source = source.trim();
        lines = List.copyOf(lines);
    }

    private static Map<String, Money[]> totalsByFund(List<JournalLineRequest> lines) {
        Map<String, Money[]> totals = new TreeMap<>();
        for (JournalLineRequest line : lines) {
            if (line == null) {
                throw new BusinessRuleViolation("ledger.invalid-entry", "lines", "A line is missing");
            }
            Money[] t = totals.computeIfAbsent(line.fund(), f -> new Money[] {Money.ZERO, Money.ZERO});
            t[0] = t[0].plus(line.debit());
            t[1] = t[1].plus(line.credit());
        }
        return totals;
    }

    public Money totalDebits() {
        return lines.stream().map(JournalLineRequest::debit).reduce(Money.ZERO, Money::plus);
    }

    public Money totalCredits() {
        return lines.stream().map(JournalLineRequest::credit).reduce(Money.ZERO, Money::plus);
    }

    public Set<String> funds() {
        Set<String> funds = new TreeSet<>();
        lines.forEach(l -> funds.add(l.fund()));
        return funds;
    }

    /**
     * A fingerprint of everything the entry says (not its key): two requests under one key are "the same"
     * when their fingerprints are equal.
     */
    public String contentHash(Long reversesEntryId) {
        StringBuilder s = new StringBuilder("v1");
        field(s, businessDate.toString());
        field(s, source);
        field(s, memo);
        field(s, reversesEntryId == null ? null : reversesEntryId.toString());
        for (JournalLineRequest l : lines) {
            field(s, l.fund());
            field(s, l.account());
            field(s, l.side().name());
            field(s, l.amount().toString());
            field(s, l.receivableId() == null ? null : l.receivableId().toString());
            field(s, l.dueDate() == null ? null : l.dueDate().toString());
            field(s, l.memo());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void field(StringBuilder s, String value) {
        if (value == null) {
            s.append("|-");
        } else {
            s.append('|').append(value.length()).append(':').append(value);
        }
    }
}

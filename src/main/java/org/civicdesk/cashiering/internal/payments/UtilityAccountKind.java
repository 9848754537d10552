package org.civicdesk.cashiering.internal.payments;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.cashiering.ReceivableTypes.PaymentTargetKind;
import org.civicdesk.cashiering.ReceivableTypes.TargetDetails;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Utility accounts, by account number (customer module's Accounts API). Cash-only when the account carries a
 * CASH_ONLY alert or cashiering's own returned-payment rule says so.
 */
@Component
public class UtilityAccountKind implements PaymentTargetKind {

    public static final String TYPE = "utility-account";

    private final Accounts accounts;
    private final CashOnlyRule cashOnlyRule;
    private final JdbcClient jdbc;
    private final BusinessTime time;

    UtilityAccountKind(Accounts accounts, CashOnlyRule cashOnlyRule, JdbcClient jdbc, Clock clock) {
        this.accounts = accounts;
        this.cashOnlyRule = cashOnlyRule;
        this.jdbc = jdbc;
        this.time = new BusinessTime(clock);
    }

    @Override
    public String receivableType() {
        return TYPE;
    }

    @Override
    public String label() {
        return "Utility account";
    }

    /**
     * One account's name, status and cash-only standing, by the same two queries as a batch's (the counter's
     * payments take this path: the full account screen behind it read some eight tables a payment).
     */
    @Override
    public TargetDetails resolve(String reference) {
        return resolveAll(List.of(reference == null ? "" : reference)).values().iterator().next();
    }

    /**
     * Accounts in two queries (name, status and CASH_ONLY alert; returned payments) instead of the full account
     * screen per account. Reads the customer module's account, customer and account_alert tables directly, as
     * the alert query of its AccountBook does; refuses the first unknown or invalid reference (field reference).
     */
    @Override
    public Map<String, TargetDetails> resolveAll(Collection<String> references) {
        if (references.isEmpty()) {
            return Map.of();
        }
        Map<String, String> numberByReference = new LinkedHashMap<>();
        for (String reference : references) {
            AccountNumber number = AccountNumber.parse(reference == null ? "" : reference)
                    .orElseThrow(() -> new BusinessRuleViolation("payment.invalid-account-number", "reference",
                            "'" + reference + "' is not a valid account number"));
            numberByReference.put(reference, number.value());
        }
        record Row(String number, String name, String status, boolean alert, String alertNote) {
        }
        Map<String, Row> rows = new HashMap<>();
        jdbc.sql("""
                select a.account_number, c.display_name, a.status, al.id is not null, al.note
                from account a
                join customer c on c.id = a.customer_id
                left join lateral (
                  select id, note from account_alert x
                  where x.account_id = a.id and x.alert_type = 'CASH_ONLY' and x.ended_at is null
                    and (x.ends_on is null or x.ends_on >= :today)
                  order by x.id limit 1) al on true
                where a.account_number = any(:numbers)
                """).param("today", time.today())
                .param("numbers", numberByReference.values().stream().distinct().toArray(String[]::new))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5)))
                .list().forEach(r -> rows.put(r.number(), r));
        Map<String, LocalDate> cashOnlyUntil = cashOnlyRule.cashOnlyUntilAll(TYPE, rows.keySet());
        Map<String, TargetDetails> found = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : numberByReference.entrySet()) {
            Row row = rows.get(e.getValue());
            if (row == null) {
                throw new BusinessRuleViolation("payment.unknown-account", "reference",
                        "There is no account " + AccountNumber.parse(e.getValue()).orElseThrow());
            }
            String reason = null;
            if (row.alert()) {
                reason = "Cash only (certified funds): " + (row.alertNote() == null ? "alert on the account" : row.alertNote());
            } else if (cashOnlyUntil.containsKey(row.number())) {
                reason = "Cash only (certified funds) until " + cashOnlyUntil.get(row.number()) + ": "
                        + cashOnlyRule.returnsRequired() + " returned payments within 12 months";
            }
            found.put(e.getKey(), new TargetDetails(row.number(), row.name(), reason != null, reason,
                    "CLOSED".equals(row.status())));
        }
        return found;
    }

    /**
     * Which of these account numbers (normalised, check digit included) exist, in one query: a lockbox chunk
     * checks its lines' accounts at once instead of one lookup per line.
     */
    public java.util.Set<String> existing(Collection<String> accountNumbers) {
        if (accountNumbers.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("select account_number from account where account_number = any(:n)")
                .param("n", accountNumbers.stream().distinct().toArray(String[]::new)).query(String.class).list());
    }

    /** The account, with a clear refusal naming field reference. */
    public AccountDetails account(String reference) {
        AccountNumber number = AccountNumber.parse(reference == null ? "" : reference)
                .orElseThrow(() -> new BusinessRuleViolation("payment.invalid-account-number", "reference",
                        "'" + reference + "' is not a valid account number"));
        try {
            return accounts.account(number);
        } catch (RecordNotFound e) {
            throw new BusinessRuleViolation("payment.unknown-account", "reference", "There is no account " + number);
        }
    }
}

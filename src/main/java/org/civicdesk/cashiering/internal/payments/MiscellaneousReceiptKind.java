package org.civicdesk.cashiering.internal.payments;

import java.util.List;
import java.util.Optional;
import org.civicdesk.cashiering.ReceivableTypes.PaymentTargetKind;
import org.civicdesk.cashiering.ReceivableTypes.RevenueAccount;
import org.civicdesk.cashiering.ReceivableTypes.TargetDetails;
import org.civicdesk.platform.BusinessRuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Miscellaneous receipts: the reference is a revenue code (table cashiering_revenue_code); revenue at once. */
@Component
public class MiscellaneousReceiptKind implements PaymentTargetKind {

    public static final String TYPE = "miscellaneous";

    private final JdbcClient jdbc;

    MiscellaneousReceiptKind(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An active revenue code. */
    public record RevenueCode(String code, String description, String fund, String account) {
    }

    public List<RevenueCode> codes() {
        return jdbc.sql("select code, description, fund_code as fund, account from cashiering_revenue_code where active order by code")
                .query(RevenueCode.class).list();
    }

    @Override
    public String receivableType() {
        return TYPE;
    }

    @Override
    public String label() {
        return "Miscellaneous receipt (revenue code)";
    }

    @Override
    public TargetDetails resolve(String reference) {
        RevenueCode code = find(reference);
        return new TargetDetails(code.code(), code.description(), false, null, false);
    }

    @Override
    public Optional<RevenueAccount> revenueAccount(String reference) {
        RevenueCode code = find(reference);
        return Optional.of(new RevenueAccount(code.fund(), code.account(), code.description()));
    }

    private RevenueCode find(String reference) {
        String code = reference == null ? "" : reference.trim().toUpperCase(java.util.Locale.ROOT);
        return jdbc.sql("select code, description, fund_code as fund, account from cashiering_revenue_code where code = :c and active")
                .param("c", code).query(RevenueCode.class).optional()
                .orElseThrow(() -> new BusinessRuleViolation("payment.unknown-revenue-code", "reference",
                        "There is no active revenue code '" + reference + "'"));
    }
}

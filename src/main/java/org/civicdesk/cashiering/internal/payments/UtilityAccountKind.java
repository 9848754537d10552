package org.civicdesk.cashiering.internal.payments;

import java.time.LocalDate;
import java.util.Optional;
import org.civicdesk.cashiering.ReceivableTypes.PaymentTargetKind;
import org.civicdesk.cashiering.ReceivableTypes.TargetDetails;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.RecordNotFound;
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

    UtilityAccountKind(Accounts accounts, CashOnlyRule cashOnlyRule) {
        this.accounts = accounts;
        this.cashOnlyRule = cashOnlyRule;
    }

    @Override
    public String receivableType() {
        return TYPE;
    }

    @Override
    public String label() {
        return "Utility account";
    }

    @Override
    public TargetDetails resolve(String reference) {
        AccountDetails account = account(reference);
        String reason = null;
        Optional<AccountDetails.Alert> alert = account.alerts().stream().filter(a -> "CASH_ONLY".equals(a.type())).findFirst();
        if (alert.isPresent()) {
            reason = "Cash only (certified funds): " + (alert.get().note() == null ? "alert on the account" : alert.get().note());
        } else {
            Optional<LocalDate> until = cashOnlyRule.cashOnlyUntil(TYPE, account.accountNumber());
            if (until.isPresent()) {
                reason = "Cash only (certified funds) until " + until.get() + ": " + cashOnlyRule.returnsRequired()
                        + " returned payments within 12 months";
            }
        }
        boolean closed = "CLOSED".equals(account.status());
        return new TargetDetails(account.accountNumber(), account.customerName(), reason != null, reason, closed);
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

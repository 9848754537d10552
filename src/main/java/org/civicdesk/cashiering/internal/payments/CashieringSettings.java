package org.civicdesk.cashiering.internal.payments;

import java.util.List;
import org.civicdesk.platform.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Cashiering's configuration (civicdesk.cashiering.*), with the demo city's values as defaults. */
@Component
public class CashieringSettings {

    private final List<String> applicationPriority;
    private final String unappliedCreditFund;
    private final String overShortFund;
    private final String suspenseFund;
    private final Money defaultFloat;
    private final Money overShortTolerance;
    private final int cashOnlyReturns;
    private final int cashOnlyMonths;

    public CashieringSettings(
            @Value("${civicdesk.cashiering.application-priority:deposit-installment,arrangement-installment}") List<String> applicationPriority,
            @Value("${civicdesk.cashiering.unapplied-credit-fund:WATER}") String unappliedCreditFund,
            @Value("${civicdesk.cashiering.over-short-fund:GENERAL}") String overShortFund,
            @Value("${civicdesk.cashiering.default-float:200.00}") String defaultFloat,
            @Value("${civicdesk.cashiering.over-short-tolerance:5.00}") String overShortTolerance,
            @Value("${civicdesk.cashiering.cash-only-returns:2}") int cashOnlyReturns,
            @Value("${civicdesk.cashiering.cash-only-months:12}") int cashOnlyMonths,
            @Value("${civicdesk.cashiering.suspense-fund:GENERAL}") String suspenseFund) {
        this.suspenseFund = suspenseFund;
        this.applicationPriority = List.copyOf(applicationPriority);
        this.unappliedCreditFund = unappliedCreditFund;
        this.overShortFund = overShortFund;
        this.defaultFloat = Money.of(defaultFloat);
        this.overShortTolerance = Money.of(overShortTolerance);
        this.cashOnlyReturns = cashOnlyReturns;
        this.cashOnlyMonths = cashOnlyMonths;
    }

    /** Kinds of charge (ledger entry sources) paid before everything else, in order; then oldest first. */
    public List<String> applicationPriority() {
        return applicationPriority;
    }

    /** The fund whose unapplied credits (2200) hold an overpayment of an account without open items. */
    public String unappliedCreditFund() {
        return unappliedCreditFund;
    }

    /** The fund whose suspense account (2250) holds file money that matched no account. */
    public String suspenseFund() {
        return suspenseFund;
    }

    public String overShortFund() {
        return overShortFund;
    }

    public Money defaultFloat() {
        return defaultFloat;
    }

    public Money overShortTolerance() {
        return overShortTolerance;
    }

    public int cashOnlyReturns() {
        return cashOnlyReturns;
    }

    public int cashOnlyMonths() {
        return cashOnlyMonths;
    }
}

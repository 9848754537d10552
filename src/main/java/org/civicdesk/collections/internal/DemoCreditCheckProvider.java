package org.civicdesk.collections.internal;

import java.util.List;
import org.civicdesk.collections.CreditCheckProvider;
import org.civicdesk.collections.DepositRequirementPolicy.CreditCheck;
import org.springframework.stereotype.Component;

/**
 * The local demo and test credit-check provider: no bureau is asked. It answers from the account number alone,
 * the same every time (an even sum of digits passes, an odd one fails), so that demos and tests can see both
 * answers. Deposits uses any other provider bean before this one.
 */
@Component
class DemoCreditCheckProvider implements CreditCheckProvider {

    static final String NAME = "Demo credit check (test provider, no bureau asked)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(Applicant applicant) {
        int sum = applicant.accountNumber().chars().filter(Character::isDigit).map(c -> c - '0').sum();
        boolean passed = sum % 2 == 0;
        return new Result(passed ? CreditCheck.PASSED : CreditCheck.FAILED, "DEMO-" + applicant.accountNumber() + "-" + sum,
                List.of(NAME + ": " + (passed ? "passed" : "failed") + " (digit sum " + sum + (passed ? " even" : " odd") + ")."));
    }
}

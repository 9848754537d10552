package org.civicdesk.customer.internal.accounts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.ledger.Aging;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.Money;
import org.springframework.stereotype.Component;

/** An account's balance and aging: the sum of its ledger receivables (one per fund it uses). */
@Component
class AccountBalances {

    private static final List<String> FUNDS = List.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE");

    private final Ledger ledger;
    private final Clock clock;

    AccountBalances(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** One fund's part of the balance. */
    record FundBalance(String fund, Money balance) {
    }

    /** The account's balance, aging buckets summed over its funds, and each fund's balance. */
    record Summary(Money balance, Money current, Money days1To30, Money days31To60, Money days61To90, Money over90,
            Money unappliedCredit, List<FundBalance> funds) {
    }

    Summary of(AccountNumber number) {
        LocalDate today = LocalDate.now(clock);
        Money current = Money.ZERO;
        Money d30 = Money.ZERO;
        Money d60 = Money.ZERO;
        Money d90 = Money.ZERO;
        Money over = Money.ZERO;
        Money credit = Money.ZERO;
        List<FundBalance> funds = new ArrayList<>();
        for (String fund : FUNDS) {
            var rec = ledger.findReceivable(ServiceDesk.RECEIVABLE_TYPE, fund, number.value());
            if (rec.isEmpty()) {
                continue;
            }
            Aging a = ledger.aging(rec.get().id(), today);
            current = current.plus(a.current());
            d30 = d30.plus(a.days1To30());
            d60 = d60.plus(a.days31To60());
            d90 = d90.plus(a.days61To90());
            over = over.plus(a.over90());
            credit = credit.plus(a.unappliedCredit());
            funds.add(new FundBalance(fund, a.balance()));
        }
        Money balance = current.plus(d30).plus(d60).plus(d90).plus(over).minus(credit);
        return new Summary(balance, current, d30, d60, d90, over, credit, funds);
    }
}

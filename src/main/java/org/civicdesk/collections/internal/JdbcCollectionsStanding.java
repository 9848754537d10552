package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import org.civicdesk.collections.CollectionsStanding;
import org.civicdesk.collections.DisconnectEligibilityPolicy;
import org.civicdesk.customer.AccountNumber;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcCollectionsStanding implements CollectionsStanding {

    private final AccountFacts facts;
    private final RulesBook rules;
    private final Clock clock;

    JdbcCollectionsStanding(AccountFacts facts, RulesBook rules, Clock clock) {
        this.facts = facts;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public DisconnectEligibilityPolicy.Answer disconnectToday(String accountNumber) {
        LocalDate today = LocalDate.now(clock);
        return CollectionsSection.CollectionsView.disconnect(facts.of(new AccountNumber(accountNumber), today), rules.on(today));
    }
}

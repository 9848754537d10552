package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.civicdesk.collections.CollectionsStanding;
import org.civicdesk.collections.DisconnectEligibilityPolicy;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.fieldservice.DisconnectProtection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The disconnect answer for one account, for the account screen and for field service: a disconnect order
 * (by staff, the API or the schedule) for a day the policy refuses is refused with its reasons.
 */
@Service
class JdbcCollectionsStanding implements CollectionsStanding, DisconnectProtection {

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
        return disconnectOn(accountNumber, LocalDate.now(clock));
    }

    DisconnectEligibilityPolicy.Answer disconnectOn(String accountNumber, LocalDate day) {
        return CollectionsSection.CollectionsView.disconnect(facts.of(new AccountNumber(accountNumber), day), rules.on(day));
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> refusal(String accountNumber, String serviceType, LocalDate day) {
        LocalDate on = day == null ? LocalDate.now(clock) : day;
        DisconnectEligibilityPolicy.Answer answer = disconnectOn(accountNumber, on);
        if (!answer.decision().granted()) {
            return answer.decision().reasons();
        }
        if (serviceType != null && !answer.services().contains(serviceType)) {
            List<String> why = new ArrayList<>(answer.decision().reasons());
            why.add(serviceType + " may not be disconnected on " + on + ".");
            return why;
        }
        return List.of();
    }
}

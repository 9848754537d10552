package org.civicdesk.collections.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.billing.BillSummary;
import org.civicdesk.billing.Bills;
import org.civicdesk.collections.CollectionsRules;
import org.civicdesk.collections.Decision;
import org.civicdesk.collections.DisconnectEligibilityPolicy;
import org.civicdesk.collections.SelfServiceCollections;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portal's door into collections: reads through the same facts and policies as the account screen's
 * Collections section, and creates arrangements and extensions with the very services its forms call.
 */
@Service
class SelfServiceCollectionsDesk implements SelfServiceCollections {

    private final AccountFacts facts;
    private final RulesBook rules;
    private final Arrangements arrangements;
    private final Extensions extensions;
    private final Deposits deposits;
    private final Bills bills;
    private final Clock clock;

    SelfServiceCollectionsDesk(AccountFacts facts, RulesBook rules, Arrangements arrangements, Extensions extensions,
            Deposits deposits, Bills bills, Clock clock) {
        this.facts = facts;
        this.rules = rules;
        this.arrangements = arrangements;
        this.extensions = extensions;
        this.deposits = deposits;
        this.bills = bills;
        this.clock = clock;
    }

    private static AccountNumber parse(String accountNumber) {
        return AccountNumber.parse(accountNumber == null ? "" : accountNumber)
                .orElseThrow(() -> new RecordNotFound("accountNumber", "No account " + accountNumber));
    }

    @Override
    @Transactional(readOnly = true)
    public Alerts alerts(String accountNumber) {
        LocalDate today = LocalDate.now(clock);
        CollectionsRules r = rules.on(today);
        AccountFacts.Standing s = facts.of(parse(accountNumber), today);
        DisconnectEligibilityPolicy.Answer disconnect = CollectionsSection.CollectionsView.disconnect(s, r);
        ArrangementStatus latest = arrangements.ofAccount(s.account().id()).stream().findFirst().map(this::status).orElse(null);
        Deposits.Deposit d = deposits.deposit(s.account().id());
        DepositDue deposit = d == null ? null
                : new DepositDue(d.amount(), d.installments(), LocalDate.ofInstant(d.createdAt(), clock.getZone()));
        return new Alerts(today, s.pastDue(), disconnect.decision().granted(), disconnect.services(), latest, deposit);
    }

    private ArrangementStatus status(Arrangements.Arrangement a) {
        return new ArrangementStatus(a.id(), a.createdOn(), a.amount(), a.months(), a.status(), a.statusOn(),
                a.installments().stream().map(i -> new Installment(i.number(), i.dueDate(), i.amount())).toList());
    }

    @Override
    @Transactional(readOnly = true)
    public Decision arrangementEligibility(String accountNumber) {
        LocalDate today = LocalDate.now(clock);
        return Arrangements.eligibility(facts.of(parse(accountNumber), today), rules.on(today), null);
    }

    @Override
    public int arrangementMaxMonths() {
        return rules.on(LocalDate.now(clock)).arrangementMaxMonths();
    }

    @Override
    @Transactional
    public ArrangementStatus requestArrangement(String accountNumber, Integer months) {
        return status(arrangements.create(parse(accountNumber), months));
    }

    @Override
    @Transactional(readOnly = true)
    public List<ExtendableBill> extendableBills(String accountNumber) {
        LocalDate today = LocalDate.now(clock);
        int maxDays = extensionMaxDays();
        long accountId = facts.account(parse(accountNumber)).id();
        // the same bills the account screen offers: the latest three that stand, not yet past the longest extension
        return bills.ofAccountId(accountId, 3).stream().filter(b -> !b.cancelled())
                .filter(b -> !b.dueDate().plusDays(maxDays).isBefore(today))
                .map(b -> extendable(b, maxDays)).toList();
    }

    private static ExtendableBill extendable(BillSummary b, int maxDays) {
        return new ExtendableBill(b.id(), b.billDate(), b.dueDate(), b.totalDue(), b.dueDate().plusDays(maxDays));
    }

    @Override
    public int extensionMaxDays() {
        return rules.on(LocalDate.now(clock)).extensionMaxDays();
    }

    @Override
    @Transactional
    public ExtendableBill requestExtension(String accountNumber, Long billId, LocalDate newDueDate) {
        Extensions.Extension x = extensions.extend(parse(accountNumber), billId, newDueDate);
        BillSummary b = bills.bill(x.billId()).summary();
        return new ExtendableBill(b.id(), b.billDate(), x.newDueDate(), b.totalDue(), x.oldDueDate().plusDays(extensionMaxDays()));
    }
}

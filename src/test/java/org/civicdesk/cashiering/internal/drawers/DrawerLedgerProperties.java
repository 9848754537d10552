package org.civicdesk.cashiering.internal.drawers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.civicdesk.cashiering.CashieringFixture;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.cashiering.internal.cards.TestCardProcessor;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Approvals;
import org.civicdesk.identity.Permission;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestContextManager;

/**
 * Whatever a cashier does (payments split across cash, checks and cards and across an account and a
 * miscellaneous receipt, change, approved voids, a close with any over/short), the drawer's cash in the
 * ledger (1020 over the entries it made) always equals what the drawer should hold less its float, and after
 * the close what was counted less the float; cards go to the bank (1010), never to the drawer.
 */
@CivicDeskTest
class DrawerLedgerProperties {

    @Autowired Drawers drawers;
    @Autowired CounterPayments counter;
    @Autowired Approvals approvals;
    @Autowired TestCardProcessor cards;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;

    @BeforeProperty
    void spring() throws Exception {
        // the Spring context of the other @CivicDeskTest classes (cached), injected into this jqwik instance
        new TestContextManager(getClass()).prepareTestInstance(this);
    }

    @AfterProperty
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** One step at the counter: a payment (cash, check, card cents and extra cash for change) or a void of an earlier one. */
    record Step(boolean isVoid, int voidPick, long cashCents, long checkCents, long cardCents, long extraCash, boolean misc) {
    }

    @Provide
    Arbitrary<List<Step>> days() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 5).map(i -> i == 0),
                Arbitraries.integers().between(0, 20),
                Arbitraries.longs().between(0, 20_000),
                Arbitraries.longs().between(0, 20_000).map(c -> c % 3 == 0 ? c : 0),
                Arbitraries.longs().between(0, 20_000).map(c -> c % 2 == 0 ? c : 0),
                Arbitraries.longs().between(0, 5_000).map(c -> c % 4 == 0 ? c : 0),
                Arbitraries.of(true, false)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 8)
    void theDrawerAlwaysEqualsTheLedgersCashForIt(@ForAll("days") List<Step> steps,
            @ForAll("overShort") long overShortCents) {
        CashieringFixture.TestAccount account = CashieringFixture.account(jdbc, "en", "ACTIVE");
        String cashier = "prop-" + System.nanoTime();
        CashieringFixture.signIn(cashier, Permission.PAYMENT_TAKE);
        Drawers.Drawer d = drawers.open(null);
        List<PostedPayment> voidable = new ArrayList<>();
        Money expectedDrawerCash = Money.ZERO;
        Money expectedCards = Money.ZERO;
        List<Money> netCash = new ArrayList<>();
        for (Step s : steps) {
            if (s.isVoid() && !voidable.isEmpty()) {
                int pick = s.voidPick() % voidable.size();
                PostedPayment p = voidable.remove(pick);
                Money[] amounts = amountsOf(p.paymentId());
                CashieringFixture.signIn(cashier, Permission.PAYMENT_TAKE);
                ApprovalRequest r = drawers.requestVoid(p.paymentId(), "property void");
                CashieringFixture.signIn("sup-" + System.nanoTime(), Permission.PAYMENT_VOID_APPROVE, Permission.STAFF_HOME);
                approvals.approve(r.id(), "ok");
                CashieringFixture.signIn(cashier, Permission.PAYMENT_TAKE);
                expectedDrawerCash = expectedDrawerCash.minus(amounts[0]);
                expectedCards = expectedCards.minus(amounts[1]);
            } else {
                long due = s.cashCents() + s.checkCents() + s.cardCents();
                if (due == 0) {
                    continue;
                }
                List<NewPayment.Tender> tenders = new ArrayList<>();
                if (s.cashCents() + s.extraCash() > 0) {
                    tenders.add(new NewPayment.Tender(TenderType.CASH, Money.ofCents(s.cashCents() + s.extraCash()), null, null, null, null));
                }
                if (s.checkCents() > 0) {
                    tenders.add(new NewPayment.Tender(TenderType.CHECK, Money.ofCents(s.checkCents()), "101", null, null, null));
                }
                if (s.cardCents() > 0) {
                    tenders.add(new NewPayment.Tender(TenderType.DEBIT_CARD, Money.ofCents(s.cardCents()), null,
                            cards.testToken("4242424242424242").token(), "VISA", "4242"));
                }
                List<NewPayment.Allocation> allocations = new ArrayList<>();
                long toAccount = s.misc() ? due / 2 : due;
                if (toAccount > 0) {
                    allocations.add(CashieringFixture.toAccount(account, Money.ofCents(toAccount).toString()));
                }
                if (due - toAccount > 0) {
                    allocations.add(CashieringFixture.misc("GENERAL_MISC", Money.ofCents(due - toAccount).toString()));
                }
                PostedPayment p = counter.take(new NewPayment(CashieringFixture.key(), TenderSource.DRAWER, d.id(), null,
                        tenders, allocations, "prop", null));
                voidable.add(p);
                expectedDrawerCash = expectedDrawerCash.plus(Money.ofCents(s.cashCents() + s.checkCents()));
                expectedCards = expectedCards.plus(Money.ofCents(s.cardCents()));
            }
            Drawers.Totals t = drawers.totals(d.id());
            assertThat(t.ledgerCash()).isEqualTo(expectedDrawerCash);
            assertThat(t.expectedCount().minus(d.openingFloat())).isEqualTo(expectedDrawerCash);
            assertThat(sum(t.ledgerCardsByFund().values())).isEqualTo(expectedCards);
            netCash.add(t.ledgerCash());
        }
        // close with a count off by the generated over/short
        Money counted = d.openingFloat().plus(expectedDrawerCash).plus(Money.ofCents(overShortCents));
        Money checks = Money.ZERO;
        DrawerCount count = new DrawerCount(DrawerCount.piecesFor(counted.minus(checks)), Money.ZERO, List.of(), expectedCards);
        Drawers.CloseResult r = drawers.close(d.id(), count, "property close");
        if (r.needsApproval()) {
            CashieringFixture.signIn("head-" + System.nanoTime(), Permission.DRAWER_SUPERVISE, Permission.STAFF_HOME);
            approvals.approve(r.approvalRequestId(), "ok");
        }
        assertThat(drawers.drawer(d.id()).status()).isEqualTo("CLOSED");
        assertThat(r.overShort()).isEqualTo(Money.ofCents(overShortCents));
        assertThat(drawers.totals(d.id()).ledgerCash()).isEqualTo(counted.minus(d.openingFloat()));
    }

    @Provide
    Arbitrary<Long> overShort() {
        return Arbitraries.longs().between(-900, 900);
    }

    /** The drawer cash (cash and checks less change) and the cards of a payment. */
    private Money[] amountsOf(long paymentId) {
        Money physical = Money.of(jdbc.sql("""
                select coalesce(sum(amount) filter (where tender_type not like '%_CARD'), 0) from cashiering_payment_tender
                where payment_id = ?""").param(paymentId).query(java.math.BigDecimal.class).single());
        Money cardsPaid = Money.of(jdbc.sql("""
                select coalesce(sum(amount) filter (where tender_type like '%_CARD'), 0) from cashiering_payment_tender
                where payment_id = ?""").param(paymentId).query(java.math.BigDecimal.class).single());
        Money change = Money.of(jdbc.sql("select change_given from cashiering_payment where id = ?").param(paymentId)
                .query(java.math.BigDecimal.class).single());
        return new Money[] {physical.minus(change), cardsPaid};
    }

    private static Money sum(java.util.Collection<Money> values) {
        return values.stream().reduce(Money.ZERO, Money::plus);
    }
}

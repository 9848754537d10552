package org.civicdesk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicdesk.ledger.JournalLineRequest.credit;
import static org.civicdesk.ledger.JournalLineRequest.debit;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;

/**
 * Random sequences of postings, reversals, period closes and reopens, and retries (same key and content,
 * same key and other content) keep the ledger's invariants after every step.
 */
class LedgerStateProperties {

    /** The chain's view of the ledger: what each receivable must owe and which of its months are closed. */
    static final class Model {
        final LedgerFixture f = new LedgerFixture();
        final List<Receivable> receivables = new ArrayList<>();
        final Map<Long, Money> expected = new HashMap<>();
        final List<YearMonth> months = new ArrayList<>();
        final Set<YearMonth> closed = new HashSet<>();
        final List<PostedEntry> posted = new ArrayList<>();
        final Map<Long, JournalEntryRequest> requests = new HashMap<>();
        final Set<Long> reversed = new HashSet<>();

        Model() {
            for (String fund : List.of("WATER", "WATER", "GAS")) {
                Receivable r = f.newReceivable(fund);
                receivables.add(r);
                expected.put(r.id(), Money.ZERO);
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (months.size() < 3) {
                YearMonth m = YearMonth.of(random.nextInt(2009, 2016), random.nextInt(1, 13));
                if (!months.contains(m)) {
                    months.add(m);
                    if (f.ledger.period(m).closed()) {
                        f.ledger.reopenPeriod(m, "opened for a property run");
                    }
                }
            }
        }

        void apply(PostedEntry entry, int sign) {
            for (PostedEntry.Line l : entry.lines()) {
                if (l.receivableId() != null) {
                    Money delta = l.debit().minus(l.credit());
                    expected.merge(l.receivableId(), sign > 0 ? delta : delta.negate(), Money::plus);
                }
            }
        }

        long entries() {
            return f.entryCount();
        }

        @Override
        public String toString() {
            return "Model" + expected + " closed " + closed;
        }
    }

    @Property(tries = 30)
    void theLedgerKeepsItsInvariantsWhateverHappens(@ForAll("chains") ActionChain<Model> chain) {
        chain.withInvariant("debits equal credits in every fund", m -> assertThat(m.f.unbalancedFunds()).isEmpty())
                .withInvariant("control accounts equal the sub-ledger", m -> assertThat(m.f.controlMinusSubledger()).isZero())
                .withInvariant("receivables owe what the model says", m -> {
                    for (Receivable r : m.receivables) {
                        Money balance = m.f.ledger.receivableBalance(r.id(), null).balance();
                        assertThat(balance).as("receivable " + r.id()).isEqualTo(m.expected.get(r.id()));
                        assertThat(m.f.sumOfLines(r.id())).isEqualByComparingTo(balance.amount());
                    }
                })
                .run();
    }

    @Provide
    Arbitrary<ActionChain<Model>> chains() {
        return ActionChain.startWith(Model::new)
                .withAction(3, new Post())
                .withAction(new Replay())
                .withAction(new ReplayOtherContent())
                .withAction(new Reverse())
                .withAction(new ClosePeriod())
                .withAction(new ReopenPeriod())
                .withMaxTransformations(15);
    }

    /** A charge, a payment or a transfer between two receivables of one fund, into one of the chain's months. */
    static final class Post implements Action.Dependent<Model> {
        @Override
        public Arbitrary<Transformer<Model>> transformer(Model m) {
            return Combinators.combine(
                    Arbitraries.integers().between(0, 2),
                    Arbitraries.integers().between(0, 2),
                    Arbitraries.integers().between(0, m.months.size() - 1),
                    Arbitraries.integers().between(1, 28),
                    Arbitraries.longs().between(1, 500_000))
                    .as((kind, who, month, day, cents) -> Transformer.mutate(
                            "post kind " + kind + " for receivable " + who + " in " + m.months.get(month) + " of " + cents + "c",
                            model -> post(model, kind, who, model.months.get(month).atDay(day), Money.ofCents(cents))));
        }

        private static void post(Model m, int kind, int who, LocalDate date, Money amount) {
            Receivable r = m.receivables.get(who);
            String fund = r.fund();
            List<JournalLineRequest> lines = switch (kind) {
                case 0 -> List.of(debit(fund, "1200", amount).receivable(r.id()).due(date.plusDays(21)),
                        credit(fund, "4010", amount));
                case 1 -> List.of(debit(fund, "1020", amount), credit(fund, "1200", amount).receivable(r.id()));
                default -> {
                    if (who == 2) { // the GAS receivable has no partner: a posting without receivables
                        yield List.of(debit(fund, "1010", amount), credit(fund, "3000", amount));
                    }
                    Receivable other = m.receivables.get(1 - who); // receivables 0 and 1 share WATER
                    yield List.of(debit(fund, "1200", amount).receivable(r.id()),
                            credit(fund, "1200", amount).receivable(other.id()));
                }
            };
            JournalEntryRequest request = new JournalEntryRequest(LedgerFixture.unique("prop"), date, "property",
                    "property posting", lines);
            long before = m.entries();
            if (m.closed.contains(YearMonth.from(date))) {
                assertThatThrownBy(() -> m.f.ledger.post(request))
                        .isInstanceOfSatisfying(BusinessRuleViolation.class,
                                e -> assertThat(e.code()).isEqualTo("ledger.period-closed"));
                assertThat(m.entries()).isEqualTo(before);
                return;
            }
            PostedEntry entry = m.f.ledger.post(request);
            assertThat(entry.replayed()).isFalse();
            m.posted.add(entry);
            m.requests.put(entry.id(), request);
            m.apply(entry, +1);
        }
    }

    /** The same key and content again: the original entry comes back, nothing is written. */
    static final class Replay implements Action.Dependent<Model> {
        @Override
        public boolean precondition(Model m) {
            return !m.posted.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<Model>> transformer(Model m) {
            return Arbitraries.of(m.posted).map(entry -> Transformer.mutate("replay entry " + entry.id(), model -> {
                long before = model.entries();
                PostedEntry again = model.f.ledger.post(model.requests.get(entry.id()));
                assertThat(again.id()).isEqualTo(entry.id());
                assertThat(again.replayed()).isTrue();
                assertThat(model.entries()).isEqualTo(before);
            }));
        }
    }

    /** The same key with other content: refused, nothing is written. */
    static final class ReplayOtherContent implements Action.Dependent<Model> {
        @Override
        public boolean precondition(Model m) {
            return !m.posted.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<Model>> transformer(Model m) {
            return Arbitraries.of(m.posted).map(entry -> Transformer.mutate("reuse the key of entry " + entry.id(), model -> {
                JournalEntryRequest original = model.requests.get(entry.id());
                JournalEntryRequest other = new JournalEntryRequest(original.idempotencyKey(), original.businessDate(),
                        original.source(), original.memo() + " (changed)", original.lines());
                long before = model.entries();
                assertThatThrownBy(() -> model.f.ledger.post(other))
                        .isInstanceOfSatisfying(BusinessRuleViolation.class,
                                e -> assertThat(e.code()).isEqualTo("ledger.idempotency-key-reused"));
                assertThat(model.entries()).isEqualTo(before);
            }));
        }
    }

    /** A reversal restores the receivables; a second one is refused. */
    static final class Reverse implements Action.Dependent<Model> {
        @Override
        public boolean precondition(Model m) {
            return m.posted.stream().anyMatch(e -> !m.reversed.contains(e.id()));
        }

        @Override
        public Arbitrary<Transformer<Model>> transformer(Model m) {
            List<PostedEntry> open = m.posted.stream().filter(e -> !m.reversed.contains(e.id())).toList();
            return Arbitraries.of(open).map(entry -> Transformer.mutate("reverse entry " + entry.id(), model -> {
                PostedEntry reversal = model.f.ledger.reverse(entry.id(), "property reversal");
                assertThat(reversal.reversesEntryId()).isEqualTo(entry.id());
                model.reversed.add(entry.id());
                model.apply(entry, -1);
                for (PostedEntry.Line l : entry.lines()) {
                    if (l.receivableId() != null) {
                        Money restored = model.f.ledger.receivableBalance(l.receivableId(), null).balance();
                        assertThat(restored).isEqualTo(model.expected.get(l.receivableId()));
                    }
                }
                assertThatThrownBy(() -> model.f.ledger.reverse(entry.id(), "again")).isInstanceOf(Conflict.class);
            }));
        }
    }

    static final class ClosePeriod implements Action.Dependent<Model> {
        @Override
        public Arbitrary<Transformer<Model>> transformer(Model m) {
            return Arbitraries.of(m.months).map(month -> Transformer.mutate("close " + month, model -> {
                if (model.closed.contains(month)) {
                    assertThatThrownBy(() -> model.f.ledger.closePeriod(month, "close again")).isInstanceOf(Conflict.class);
                } else {
                    assertThat(model.f.ledger.closePeriod(month, "property close").closed()).isTrue();
                    model.closed.add(month);
                }
            }));
        }
    }

    static final class ReopenPeriod implements Action.Dependent<Model> {
        @Override
        public boolean precondition(Model m) {
            return !m.closed.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<Model>> transformer(Model m) {
            return Arbitraries.of(List.copyOf(m.closed)).map(month -> Transformer.mutate("reopen " + month, model -> {
                assertThat(model.f.ledger.reopenPeriod(month, "property reopen").closed()).isFalse();
                model.closed.remove(month);
            }));
        }
    }
}

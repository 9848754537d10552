package org.civicdesk.collections.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.platform.Money;

/** The arithmetic of write-offs, deposit application and recoveries, for any balances. */
class WriteOffArithmeticProperties {

    private static final List<String> FUNDS = List.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE");

    private static Map<String, Money> balances(List<Integer> cents) {
        Map<String, Money> m = new LinkedHashMap<>();
        for (int i = 0; i < cents.size() && i < FUNDS.size(); i++) {
            m.put(FUNDS.get(i), Money.ofCents(cents.get(i)));
        }
        return m;
    }

    @Property
    void aWriteOffNeverChangesReceivablesPlusAllowance(
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = -50_000, max = 500_000) Integer> cents) {
        Map<String, Money> balances = balances(cents);
        Map<String, Money> plan = WriteOffs.plan(balances);
        Map<String, Long> ids = new LinkedHashMap<>();
        plan.keySet().forEach(f -> ids.put(f, 1L));
        if (plan.isEmpty()) {
            assertThat(balances.values().stream().reduce(Money.ZERO, Money::plus).isPositive()).isFalse();
            return;
        }
        List<JournalLineRequest> lines = WriteOffs.lines(plan, ids, 7L);
        new JournalEntryRequest("property", java.time.LocalDate.of(2030, 1, 1), "write-off", "property", lines); // balanced per fund
        for (String fund : plan.keySet()) {
            Money receivablesChange = Money.ZERO;
            Money allowanceCreditBalanceChange = Money.ZERO;
            for (JournalLineRequest l : lines) {
                if (!l.fund().equals(fund)) {
                    continue;
                }
                if (l.account().equals("1200")) {
                    receivablesChange = receivablesChange.plus(l.debit()).minus(l.credit());
                } else if (l.account().equals("1290")) {
                    allowanceCreditBalanceChange = allowanceCreditBalanceChange.plus(l.credit()).minus(l.debit());
                }
            }
            // net receivables = receivables - allowance: unchanged
            assertThat(receivablesChange.minus(allowanceCreditBalanceChange)).isEqualTo(Money.ZERO);
            // what is written off is exactly what the fund owed
            assertThat(receivablesChange).isEqualTo(Money.ZERO.minus(balances.get(fund)));
        }
        plan.values().forEach(m -> assertThat(m.isPositive()).isTrue());
    }

    @Property
    void aDepositIsSplitBetweenWhatIsOwedAndARefundWithNothingLost(@ForAll @IntRange(min = 1, max = 100_000) int heldCents,
            @ForAll @Size(max = 5) List<@IntRange(min = 1, max = 100_000) Integer> owedCents) {
        Money held = Money.ofCents(heldCents);
        Map<String, Money> owed = balances(owedCents);
        DepositReview.Plan plan = DepositReview.plan(held, owed);
        assertThat(plan.appliedTotal().plus(plan.rest())).isEqualTo(held);
        assertThat(plan.rest().isNegative()).isFalse();
        plan.applied().forEach((f, m) -> assertThat(m.compareTo(owed.get(f))).isLessThanOrEqualTo(0));
        Money totalOwed = owed.values().stream().reduce(Money.ZERO, Money::plus);
        assertThat(plan.appliedTotal()).isEqualTo(totalOwed.compareTo(held) < 0 ? totalOwed : held);
    }

    @Property
    void recoveriesNeverReinstateMoreThanWasWrittenOffInAFund(
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 100_000) Integer> writtenOffCents,
            @ForAll @IntRange(min = 0, max = 600_000) int before, @ForAll @IntRange(min = 1, max = 600_000) int recovery) {
        Map<String, Money> writtenOff = balances(writtenOffCents);
        Money total = writtenOff.values().stream().reduce(Money.ZERO, Money::plus);
        Money recoveredBefore = Money.ofCents(Math.min(before, total.cents()));
        Map<String, Money> parts = Recoveries.split(Money.ofCents(recovery), writtenOff, recoveredBefore);
        Money sum = parts.values().stream().reduce(Money.ZERO, Money::plus);
        Money room = total.minus(recoveredBefore);
        assertThat(sum).isEqualTo(room.compareTo(Money.ofCents(recovery)) < 0 ? room : Money.ofCents(recovery));
        parts.forEach((f, m) -> assertThat(m.compareTo(writtenOff.get(f))).isLessThanOrEqualTo(0));
        // the by-fund text round-trips
        StringBuilder text = new StringBuilder();
        writtenOff.forEach((f, m) -> text.append(text.isEmpty() ? "" : "; ").append(f).append(' ').append(m.amount().toPlainString()));
        assertThat(Recoveries.byFund(text.toString())).isEqualTo(writtenOff);
    }
}

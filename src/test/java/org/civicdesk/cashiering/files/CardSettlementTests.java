package org.civicdesk.cashiering.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicdesk.cashiering.CashieringFixture.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.internal.files.BankStatements;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/** Card tenders wait in the card clearing account (1030) until the bank's credit for the settlement is matched. */
@CivicDeskTest
class CardSettlementTests {

    @Autowired Payments payments;
    @Autowired BankStatements statements;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void signIn() {
        signInWithAll("headcashier");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private Map<String, BigDecimal> net(long entryId) {
        Map<String, BigDecimal> m = new TreeMap<>();
        jdbc.sql("""
                select l.fund_code || ' ' || a.code, sum(l.debit - l.credit) from ledger_journal_line l
                join ledger_account a on a.id = l.account_id where l.entry_id = ? group by 1""")
                .param(entryId).query(rs -> {
                    m.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return m;
    }

    /** Processor tokens are letters only: a long run of digits would be refused as a card number. */
    private static String token() {
        StringBuilder t = new StringBuilder("tok_test_");
        for (char c : Long.toString(System.nanoTime()).toCharArray()) {
            t.append((char) ('a' + (c - '0')));
        }
        return t.toString();
    }

    @Test
    void cardsGoToClearingAndTheMatchedSettlementMovesThemToCashInBank() {
        // a business day of this test's own, so the day's card total is only this payment
        LocalDate day = LocalDate.of(2041, 1, 1).plusDays(Math.floorMod(System.nanoTime(), 3000L));
        TestAccount a = account(jdbc, "en", "ACTIVE");
        charge(ledger, a, "WATER", "30.00", day.minusDays(20), day.plusDays(1), "billing");
        long cents = 10_000 + Math.floorMod(System.nanoTime(), 50_000L);
        Money misc = Money.ofCents(cents);
        PostedPayment p = payments.post(new NewPayment(key(), TenderSource.REMITTANCE_DESK, null, day,
                List.of(check("10.00", "1"), card("30.00", token()),
                        new NewPayment.Tender(org.civicdesk.cashiering.TenderType.DEBIT_CARD, misc, null,
                                token(), "VISA", "1111")),
                List.of(toAccount(a, "30.00"), misc("COPIES", misc.plus(Money.of("10.00")).toString())), "Rosa", null));
        Money cards = Money.of("30.00").plus(misc);
        // the check first (to the bank: no drawer), then the cards: water 10 check + 20 card, the receipt all card
        Money generalCards = misc.plus(Money.of("10.00"));
        assertThat(net(p.ledgerEntryId())).containsEntry("WATER 1010", new BigDecimal("10.00"))
                .containsEntry("WATER 1030", new BigDecimal("20.00"))
                .containsEntry("GENERAL 1030", generalCards.amount())
                .doesNotContainKey("GENERAL 1010");

        String bai = BankFilesTests.Bai2Files.prior(day.plusDays(1), List.of(new long[] {169, cards.amount().movePointRight(2).longValueExact()}));
        BankStatements.ImportReport report = statements.importFile("cards.txt", bai.getBytes(StandardCharsets.US_ASCII));
        assertThat(report.matched()).isEqualTo(1);

        long clearing = jdbc.sql("select id from ledger_journal_entry where idempotency_key = ?")
                .param("card-settlement:" + day).query(Long.class).single();
        assertThat(net(clearing)).containsOnly(Map.entry("WATER 1010", new BigDecimal("20.00")),
                Map.entry("WATER 1030", new BigDecimal("-20.00")), Map.entry("GENERAL 1010", generalCards.amount()),
                Map.entry("GENERAL 1030", generalCards.negate().amount()));
    }
}

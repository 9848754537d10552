package org.civicdesk.cashiering.internal.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.cashiering.internal.cards.TestCardProcessor;
import org.civicdesk.cashiering.internal.drawers.CounterPayments;
import org.civicdesk.cashiering.internal.drawers.DrawerCount;
import org.civicdesk.cashiering.internal.drawers.Drawers;
import org.civicdesk.identity.Permission;
import org.civicdesk.platform.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The demo city's cashiering (first start only): payments against the accounts' open charges (most paid in
 * full, some part, a few returned by the bank) from the remittance desk, and one business day at the counter
 * with two drawers (the demo cashier and head cashier), closed with a small over/short, deposited, so that
 * the Daily Cash Report of that day shows and ties.
 */
@Component
@Order(30)
class CashieringDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CashieringDemo.class);

    private final JdbcClient jdbc;
    private final Payments payments;
    private final CounterPayments counter;
    private final Drawers drawers;
    private final TestCardProcessor cards;
    private final Clock clock;
    private final boolean enabled;
    private final String bench;

    CashieringDemo(JdbcClient jdbc, Payments payments, CounterPayments counter, Drawers drawers, TestCardProcessor cards,
            Clock clock, @Value("${civicdesk.demo.enabled:false}") boolean enabled, @Value("${civicdesk.bench:}") String bench,
            @Value("${civicdesk.demo.history:true}") boolean history) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.counter = counter;
        this.drawers = drawers;
        this.cards = cards;
        this.clock = clock;
        this.enabled = enabled && history;
        this.bench = bench;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || !bench.isBlank()
                || jdbc.sql("select exists (select 1 from cashiering_drawer)").query(Boolean.class).single()) {
            return;
        }
        long started = System.nanoTime();
        try {
            AuditActor.runAs("system:demo-cashiering", this::load);
            log.info("Demo cashiering loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void as(String user, Permission... permissions) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                java.util.Arrays.stream(permissions).map(p -> new SimpleGrantedAuthority(p.authority())).toList()));
    }

    private void load() {
        Random random = new Random(20261127L);
        LocalDate today = LocalDate.now(clock);
        // accounts with something owed (read from the ledger's receivables, read only; a test's made-up
        // references are not account numbers)
        List<String> owing = jdbc.sql("""
                select r.reference from ledger_receivable r join ledger_receivable_balance b on b.receivable_id = r.id
                where r.receivable_type = 'utility-account' and r.reference ~ '^[0-9]{10}$' and b.balance > 0
                group by r.reference order by r.reference limit 60""")
                .query(String.class).list();
        List<String> any = owing.isEmpty() ? jdbc.sql("""
                select reference from ledger_receivable where receivable_type = 'utility-account'
                  and reference ~ '^[0-9]{10}$'
                group by reference order by reference limit 40""").query(String.class).list() : owing;

        // the remittance desk: most pay in full (on time), some part (late), a few come back
        as("system:demo-cashiering", Permission.values());
        List<NewPayment> mail = new ArrayList<>();
        for (int i = 0; i < Math.min(any.size(), 30); i++) {
            Money owed = owed(any.get(i));
            Money amount = owed.isPositive() ? (i % 5 == 4 ? Money.round(owed.amount().multiply(new java.math.BigDecimal("0.5"))) : owed)
                    : Money.ofCents(2_000 + random.nextInt(8_000));
            if (!amount.isPositive()) {
                continue;
            }
            mail.add(new NewPayment("demo:mail:" + any.get(i), TenderSource.REMITTANCE_DESK, null, today.minusDays(1 + i % 6),
                    List.of(new NewPayment.Tender(TenderType.CHECK, amount, Integer.toString(5000 + i), null, null, null)),
                    List.of(new NewPayment.Allocation(new PaymentTarget("utility-account", any.get(i)), amount)),
                    null, "demo remittance " + i));
        }
        List<PostedPayment> posted = mail.isEmpty() ? List.of() : payments.postAll(mail);
        for (int i = 0; i < posted.size(); i += 15) {
            try {
                payments.returnPayment(posted.get(i).paymentId(), i % 2 == 0 ? "R01" : "CHECK", "Demo: returned by the bank");
            } catch (RuntimeException e) {
                log.warn("Demo return of payment {} skipped: {}", posted.get(i).paymentId(), e.getMessage());
            }
        }

        // one business day at the counter: two drawers, cash, checks and cards, utility accounts and receipts
        String[] cashiers = {"cashier", "headcashier"};
        List<Long> closed = new ArrayList<>();
        for (int c = 0; c < cashiers.length; c++) {
            as(cashiers[c], Permission.PAYMENT_TAKE);
            Drawers.Drawer d = drawers.open(null);
            for (int i = 0; i < 6; i++) {
                long cents = 1_500 + random.nextInt(15_000);
                Money amount = Money.ofCents(cents);
                List<NewPayment.Allocation> allocations = new ArrayList<>();
                if (i % 3 == 2 || any.isEmpty()) {
                    allocations.add(new NewPayment.Allocation(new PaymentTarget("miscellaneous", i % 2 == 0 ? "COPIES" : "PERMIT"), amount));
                } else {
                    allocations.add(new NewPayment.Allocation(new PaymentTarget("utility-account", any.get((c * 6 + i) % any.size())), amount));
                }
                NewPayment.Tender tender = switch (i % 4) {
                    case 0 -> new NewPayment.Tender(TenderType.CASH, Money.ofCents(((cents + 999) / 1000) * 1000), null, null, null, null);
                    case 1 -> new NewPayment.Tender(TenderType.CHECK, amount, Integer.toString(1100 + i), null, null, null);
                    case 2 -> new NewPayment.Tender(TenderType.CREDIT_CARD, amount, null,
                            cards.testToken("4242424242424242").token(), "VISA", "4242");
                    default -> new NewPayment.Tender(TenderType.MONEY_ORDER, amount, "MO" + i, null, null, null);
                };
                counter.take(new NewPayment("demo:counter:" + today + ":" + c + ":" + i, TenderSource.DRAWER, d.id(), null,
                        List.of(tender), allocations, "Demo customer " + (i + 1), null));
            }
            Drawers.Totals t = drawers.totals(d.id());
            // the first drawer comes out $1.25 short, the second exact
            Money checks = t.byTender().entrySet().stream().filter(e -> !e.getKey().equals("CASH") && !e.getKey().endsWith("_CARD"))
                    .map(java.util.Map.Entry::getValue).reduce(Money.ZERO, Money::plus);
            Money cash = t.expectedCount().minus(checks).minus(c == 0 ? Money.of("1.25") : Money.ZERO);
            drawers.close(d.id(), new DrawerCount(DrawerCount.piecesFor(cash), Money.ZERO,
                    List.of(new DrawerCount.CountedCheck("all", checks)).stream().filter(k -> k.amount().isPositive()).toList(),
                    t.cards()), "demo close");
            closed.add(d.id());
        }
        as("headcashier", Permission.DRAWER_SUPERVISE, Permission.PAYMENT_TAKE);
        drawers.deposit(closed, "Demo deposit slip 0001");
    }

    private Money owed(String reference) {
        java.math.BigDecimal b = jdbc.sql("""
                select coalesce(sum(b.balance), 0) from ledger_receivable r join ledger_receivable_balance b on b.receivable_id = r.id
                where r.receivable_type = 'utility-account' and r.reference = :r""").param("r", reference)
                .query(java.math.BigDecimal.class).single();
        return Money.of(b);
    }
}

package org.civicdesk.cashiering.internal.payments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.PaymentPosted;
import org.civicdesk.cashiering.PaymentsPosted;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.ReceivableTypes.PaymentTargetKind;
import org.civicdesk.cashiering.ReceivableTypes.RevenueAccount;
import org.civicdesk.cashiering.ReceivableTypes.TargetDetails;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.CopyText;
import org.civicdesk.platform.Money;
import org.civicdesk.audit.AuditActor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts payments: validates tenders and allocations, applies receivable payments oldest first across the
 * account's funds (configured priority kinds first), turns overpayments into unapplied credits and payments
 * to closed accounts into refund requests, and posts each payment as one balanced ledger entry. A batch
 * (postAll) is one transaction and a handful of statements whatever its size.
 */
@Service
public class PaymentBook implements Payments {

    public static final String LEDGER_SOURCE = "cashiering";
    private static final Set<TenderType> PHYSICAL = Set.of(TenderType.CASH, TenderType.CHECK, TenderType.MONEY_ORDER,
            TenderType.CASHIERS_CHECK);

    private final JdbcClient jdbc;
    private final javax.sql.DataSource dataSource;
    private final Ledger ledger;
    private final ReceivableTypeRegistry types;
    private final OpenItems openItems;
    private final CashieringSettings settings;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final BusinessTime time;
    private final PaymentReversals reversals;
    private final org.springframework.beans.factory.ObjectProvider<org.civicdesk.cashiering.PaymentHolds> holds;

    PaymentBook(JdbcClient jdbc, Ledger ledger, ReceivableTypeRegistry types, OpenItems openItems,
            CashieringSettings settings, AuditTrail audit, ApplicationEventPublisher events, java.time.Clock clock,
            PaymentReversals reversals, org.springframework.beans.factory.ObjectProvider<org.civicdesk.cashiering.PaymentHolds> holds,
            javax.sql.DataSource dataSource) {
        this.holds = holds;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.types = types;
        this.openItems = openItems;
        this.settings = settings;
        this.audit = audit;
        this.events = events;
        this.time = new BusinessTime(clock);
        this.reversals = reversals;
    }

    @Override
    @Transactional
    public PostedPayment post(NewPayment payment) {
        return postAll(List.of(payment)).get(0);
    }

    @Override
    @Transactional
    public PostedPayment returnPayment(long paymentId, String returnCode, String reason) {
        return reversals.returnPayment(paymentId, returnCode, reason);
    }

    /** A payment being posted, with everything worked out before writing. */
    private static final class Work {
        final int index;
        final NewPayment payment;
        final String key;
        final String hash;
        LocalDate businessDate;
        Money allocated = Money.ZERO;
        Money tendered = Money.ZERO;
        Money change = Money.ZERO;
        final List<AllocationLine> lines = new ArrayList<>();
        Long drawerId;
        PostedPayment result;
        Work duplicateOf;

        Work(int index, NewPayment payment, String hash, LocalDate businessDate) {
            this.index = index;
            this.payment = payment;
            this.key = payment.idempotencyKey().trim();
            this.hash = hash;
            this.businessDate = businessDate;
        }
    }

    /** One allocation as posted: receivable, unapplied credit, refund due or revenue. */
    record AllocationLine(String targetType, String reference, String kind, String fund, String account,
            Long receivableId, Money amount, String payeeName) {
    }

    @Override
    @Transactional
    public List<PostedPayment> postAll(List<NewPayment> payments) {
        if (payments == null || payments.isEmpty()) {
            return List.of();
        }
        boolean batch = payments.size() > 1;
        List<Work> work = new ArrayList<>(payments.size());
        Map<String, Work> byKey = new LinkedHashMap<>();
        for (int i = 0; i < payments.size(); i++) {
            NewPayment p = payments.get(i);
            String prefix = batch ? "payments[" + i + "]." : "";
            validateShape(p, prefix);
            LocalDate date = p.businessDate() == null ? time.today() : p.businessDate();
            Work w = new Work(i, p, contentHash(p), date);
            Work earlier = byKey.get(w.key);
            if (earlier != null) {
                if (!earlier.hash.equals(w.hash)) {
                    throw keyReused(prefix);
                }
                w.duplicateOf = earlier;
            } else {
                byKey.put(w.key, w);
            }
            work.add(w);
        }
        // replays: keys already posted
        Map<String, String[]> existing = new HashMap<>();
        jdbc.sql("select idempotency_key, content_hash, id from cashiering_payment where idempotency_key = any(:k)")
                .param("k", byKey.keySet().toArray(String[]::new))
                .query(rs -> {
                    existing.put(rs.getString(1), new String[] {rs.getString(2), Long.toString(rs.getLong(3))});
                });
        List<Work> fresh = new ArrayList<>();
        for (Work w : byKey.values()) {
            String[] found = existing.get(w.key);
            if (found != null) {
                if (!found[0].equals(w.hash)) {
                    throw keyReused(batch ? "payments[" + w.index + "]." : "");
                }
                w.result = replay(Long.parseLong(found[1]));
            } else {
                fresh.add(w);
            }
        }
        if (!fresh.isEmpty()) {
            postFresh(fresh, batch);
        }
        List<PostedPayment> results = new ArrayList<>(work.size());
        for (Work w : work) {
            results.add(w.duplicateOf != null ? asReplay(w.duplicateOf.result) : w.result);
        }
        return results;
    }

    private void postFresh(List<Work> fresh, boolean batch) {
        lockDrawers(fresh, batch);
        // resolve every target once, kind by kind
        Map<String, Map<String, TargetDetails>> details = new HashMap<>();
        Map<String, Set<String>> refsByType = new LinkedHashMap<>();
        for (Work w : fresh) {
            for (NewPayment.Allocation a : w.payment.allocations()) {
                refsByType.computeIfAbsent(a.target().receivableType(), t -> new TreeSet<>()).add(a.target().reference().trim());
            }
        }
        for (Map.Entry<String, Set<String>> e : refsByType.entrySet()) {
            PaymentTargetKind kind = types.require(e.getKey(), "allocations[0].target.receivableType");
            details.put(e.getKey(), kind.resolveAll(e.getValue()));
        }
        // serialise payments to one target with open items (oldest-first application reads then writes); a
        // receipt to a revenue code reads nothing first, so every cashier may take one at once
        List<String> lockKeys = new ArrayList<>();
        refsByType.forEach((t, refs) -> {
            PaymentTargetKind kind = types.require(t, "allocations[0].target.receivableType");
            refs.forEach(r -> {
                if (kind.revenueAccount(r).isEmpty()) {
                    lockKeys.add(t + ":" + r);
                }
            });
        });
        lockKeys.sort(null);
        if (!lockKeys.isEmpty()) {
            jdbc.sql("select count(pg_advisory_xact_lock(hashtextextended(k, 42))) from (select unnest(:k) as k order by 1) x")
                    .param("k", lockKeys.toArray(String[]::new)).query(Long.class).single();
        }
        Map<String, OpenItems.Found> items = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : refsByType.entrySet()) {
            PaymentTargetKind kind = types.require(e.getKey(), "allocations");
            if (kind.revenueAccount(e.getValue().iterator().next()).isEmpty()) {
                items.put(e.getKey(), openItems.of(e.getKey(), e.getValue()));
            }
        }
        Set<String> kept = keptForAccounts(details.getOrDefault(UtilityAccountKind.TYPE, Map.of()));
        Map<String, List<OpenItem>> remaining = new HashMap<>();
        List<JournalEntryRequest> entries = new ArrayList<>(fresh.size());
        for (Work w : fresh) {
            String prefix = batch ? "payments[" + w.index + "]." : "";
            computeTenders(w, prefix);
            for (int i = 0; i < w.payment.allocations().size(); i++) {
                NewPayment.Allocation a = w.payment.allocations().get(i);
                String type = a.target().receivableType();
                String ref = a.target().reference().trim();
                TargetDetails d = details.get(type).get(ref);
                refuseChecksOnCashOnly(w, d, prefix);
                PaymentTargetKind kind = types.require(type, prefix + "allocations[" + i + "].target.receivableType");
                Optional<RevenueAccount> revenue = kind.revenueAccount(ref);
                if (revenue.isPresent()) {
                    w.lines.add(new AllocationLine(type, d.reference(), "REVENUE", revenue.get().fund(),
                            revenue.get().account(), null, a.amount(), d.name()));
                    continue;
                }
                if (d.closed() && !(UtilityAccountKind.TYPE.equals(type) && kept.contains(d.reference()))) {
                    // money for a closed account is held as a credit and refunded (refund workflow)
                    w.lines.add(new AllocationLine(type, d.reference(), "REFUND_DUE", settings.unappliedCreditFund(),
                            StandardAccount.UNAPPLIED_CREDITS.code(), null, a.amount(), d.name()));
                    continue;
                }
                String itemKey = type + ":" + ref;
                List<OpenItem> open = remaining.computeIfAbsent(itemKey,
                        k -> new ArrayList<>(items.get(type).items().getOrDefault(ref, List.of())));
                PaymentApplication.Result result = PaymentApplication.apply(a.amount(), open, settings.applicationPriority());
                for (PaymentApplication.Applied applied : result.applied()) {
                    w.lines.add(new AllocationLine(type, d.reference(), "RECEIVABLE", applied.fund(),
                            StandardAccount.RECEIVABLES.code(), applied.receivableId(), applied.amount(), d.name()));
                }
                remaining.put(itemKey, PaymentApplication.remaining(open, settings.applicationPriority(),
                        a.amount().minus(result.overpayment())));
                if (result.overpayment().isPositive()) {
                    w.lines.add(new AllocationLine(type, d.reference(), "UNAPPLIED_CREDIT", settings.unappliedCreditFund(),
                            StandardAccount.UNAPPLIED_CREDITS.code(), null, result.overpayment(), d.name()));
                }
            }
            entries.add(entryFor(w));
        }
        List<PostedEntry> posted = ledger.postAll(entries);
        String user = actor();
        Timestamp now = Timestamp.from(time.now());
        insertPayments(fresh, posted, user, now);
        // refunds, audit records and events of the batch: one statement each, not one per payment
        List<Object[]> refunds = new ArrayList<>();
        List<AuditTrail.Change> audits = new ArrayList<>(fresh.size());
        List<Work> postedNow = new ArrayList<>(fresh.size());
        for (Work w : fresh) {
            if (w.result.replayed()) {
                continue;
            }
            postedNow.add(w);
            for (AllocationLine l : w.lines) {
                if (l.kind().equals("REFUND_DUE")) {
                    refunds.add(new Object[] {w.result.paymentId(), l});
                }
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("idempotencyKey", w.key);
            after.put("source", w.payment.source().name());
            after.put("amount", w.allocated.toString());
            after.put("change", w.change.toString());
            after.put("drawerId", w.drawerId == null ? "" : w.drawerId);
            after.put("ledgerEntryId", w.result.ledgerEntryId());
            after.put("allocations", w.lines.size());
            audits.add(new AuditTrail.Change(Long.toString(w.result.paymentId()), null, after));
        }
        insertRefunds(refunds, user, now);
        audit.recordChanges("payment", "posted", audits);
        List<PaymentPosted> postedEvents = new ArrayList<>(postedNow.size());
        for (Work w : postedNow) {
            List<PaymentTarget> targets = w.payment.allocations().stream()
                    .map(a -> new PaymentTarget(a.target().receivableType(), a.target().reference().trim())).distinct().toList();
            postedEvents.add(new PaymentPosted(w.result.paymentId(), w.businessDate, w.payment.source(), w.allocated,
                    targets, w.result.ledgerEntryId()));
        }
        // the registry stores one row per listener and event: a batch is one event, not one per payment
        if (postedEvents.size() == 1) {
            events.publishEvent(postedEvents.get(0));
        } else if (!postedEvents.isEmpty()) {
            events.publishEvent(new PaymentsPosted(postedEvents));
        }
    }

    /** Refund requests for money paid to closed accounts: payment id and allocation line pairs. */
    private void insertRefunds(List<Object[]> refunds, String user, Timestamp now) {
        if (refunds.isEmpty()) {
            return;
        }
        Long[] payments = new Long[refunds.size()];
        String[] types = new String[refunds.size()];
        String[] refs = new String[refunds.size()];
        String[] names = new String[refunds.size()];
        String[] funds = new String[refunds.size()];
        String[] amounts = new String[refunds.size()];
        for (int i = 0; i < refunds.size(); i++) {
            AllocationLine l = (AllocationLine) refunds.get(i)[1];
            payments[i] = (Long) refunds.get(i)[0];
            types[i] = l.targetType();
            refs[i] = l.reference();
            names[i] = l.payeeName() == null ? "" : l.payeeName();
            funds[i] = l.fund();
            amounts[i] = l.amount().toString();
        }
        jdbc.sql("""
                insert into cashiering_refund (payment_id, target_type, target_reference, payee_name, fund_code,
                  amount, reason, status, created_at, created_by)
                select p, t, r, n, f, a::numeric, :why, 'REQUESTED', :now, :by
                from unnest(:p, :t, :r, :n, :f, :a) with ordinality as u(p, t, r, n, f, a, o) order by o""")
                .param("p", payments).param("t", types).param("r", refs).param("n", names).param("f", funds)
                .param("a", amounts).param("why", "Payment on a closed account").param("now", now).param("by", user)
                .update();
    }

    /** Closed utility accounts that still owe their final bill or were written off keep their payments (collections says). */
    private Set<String> keptForAccounts(Map<String, TargetDetails> utilityAccounts) {
        List<String> closed = utilityAccounts.values().stream().filter(TargetDetails::closed).map(TargetDetails::reference)
                .distinct().toList();
        org.civicdesk.cashiering.PaymentHolds h = closed.isEmpty() ? null : holds.getIfAvailable();
        return h == null ? Set.of() : h.keepingPaymentsFor(closed);
    }

    private void lockDrawers(List<Work> fresh, boolean batch) {
        Set<Long> drawerIds = new TreeSet<>();
        for (Work w : fresh) {
            if (w.payment.source() == TenderSource.DRAWER) {
                w.drawerId = w.payment.tenderControlId();
                drawerIds.add(w.drawerId);
            }
        }
        if (drawerIds.isEmpty()) {
            return;
        }
        // a drawer being closed waits for payments in flight, and payments wait for the close
        Map<Long, String> status = new HashMap<>();
        Map<Long, LocalDate> dates = new HashMap<>();
        jdbc.sql("select id, status, business_date from cashiering_drawer where id = any(:ids) and source = 'DRAWER' order by id for share")
                .param("ids", drawerIds.toArray(Long[]::new)).query(rs -> {
                    status.put(rs.getLong(1), rs.getString(2));
                    dates.put(rs.getLong(1), rs.getObject(3, LocalDate.class));
                });
        for (Work w : fresh) {
            if (w.drawerId == null) {
                continue;
            }
            String prefix = batch ? "payments[" + w.index + "]." : "";
            String s = status.get(w.drawerId);
            if (s == null) {
                throw new BusinessRuleViolation("payment.unknown-drawer", prefix + "tenderControlId",
                        "There is no drawer " + w.drawerId);
            }
            if (!s.equals("OPEN")) {
                throw new BusinessRuleViolation("payment.drawer-closed", prefix + "tenderControlId",
                        "Drawer " + w.drawerId + " is " + s.toLowerCase(Locale.ROOT).replace('_', ' ')
                                + ": open a drawer to take payments");
            }
            // a drawer's payments belong to its business day (the Daily Cash Report and the deposit count on it)
            if (w.payment.businessDate() != null && !w.payment.businessDate().equals(dates.get(w.drawerId))) {
                throw new BusinessRuleViolation("payment.drawer-date", prefix + "businessDate",
                        "Drawer " + w.drawerId + " belongs to " + dates.get(w.drawerId) + "; its payments carry that date");
            }
            w.businessDate = dates.get(w.drawerId);
        }
    }

    private static void computeTenders(Work w, String prefix) {
        Money cash = Money.ZERO;
        for (NewPayment.Tender t : w.payment.tenders()) {
            w.tendered = w.tendered.plus(t.amount());
            if (t.type() == TenderType.CASH) {
                cash = cash.plus(t.amount());
            }
        }
        for (NewPayment.Allocation a : w.payment.allocations()) {
            w.allocated = w.allocated.plus(a.amount());
        }
        int cmp = w.tendered.compareTo(w.allocated);
        if (cmp < 0) {
            throw new BusinessRuleViolation("payment.under-tendered", prefix + "tenders",
                    "Tendered " + w.tendered.formatted() + " is less than the " + w.allocated.formatted() + " to pay");
        }
        w.change = w.tendered.minus(w.allocated);
        if (w.change.compareTo(cash) > 0) {
            throw new BusinessRuleViolation("payment.over-tendered", prefix + "tenders",
                    "Only cash may exceed the amount due: tendered " + w.tendered.formatted() + " for "
                            + w.allocated.formatted() + " with " + cash.formatted() + " in cash");
        }
    }

    private static void refuseChecksOnCashOnly(Work w, TargetDetails d, String prefix) {
        if (!d.cashOnly()) {
            return;
        }
        for (int i = 0; i < w.payment.tenders().size(); i++) {
            TenderType type = w.payment.tenders().get(i).type();
            if (!type.certifiedFunds()) {
                throw new BusinessRuleViolation("payment.cash-only", prefix + "tenders[" + i + "].type",
                        "Account " + d.reference() + " takes certified funds only (cash, card, money order, cashier's check); "
                                + type.name().toLowerCase(Locale.ROOT) + " refused. " + d.cashOnlyReason());
            }
        }
    }

    /**
     * Debits: net cash by tender spread over the funds paid: physical tenders to cash in drawers at a drawer (else
     * cash in bank), cards to the card clearing account until the settlement, other electronic tenders to the bank.
     */
    private JournalEntryRequest entryFor(Work w) {
        Map<String, Money> creditsByFund = new LinkedHashMap<>();
        Map<String, JournalLineRequest> credits = new LinkedHashMap<>();
        for (AllocationLine l : w.lines) {
            creditsByFund.merge(l.fund(), l.amount(), Money::plus);
            String k = l.fund() + "|" + l.account() + "|" + l.receivableId() + "|" + l.reference();
            JournalLineRequest line = JournalLineRequest.credit(l.fund(), l.account(), l.amount());
            if (l.receivableId() != null) {
                line = line.receivable(l.receivableId());
            } else if (!l.kind().equals("REVENUE")) {
                line = line.memo(l.targetType() + " " + l.reference());
            }
            JournalLineRequest prior = credits.get(k);
            credits.put(k, prior == null ? line
                    : new JournalLineRequest(prior.fund(), prior.account(), prior.side(), prior.amount().plus(l.amount()),
                            prior.receivableId(), null, prior.memo()));
        }
        // three pools of money, spent over the funds in this order: drawer (or bank) physical tenders net of change,
        // card tenders (in transit until the processor settles), other electronic tenders (already in the bank)
        Money physical = Money.ZERO;
        Money cards = Money.ZERO;
        Money bank = Money.ZERO;
        for (NewPayment.Tender t : w.payment.tenders()) {
            if (PHYSICAL.contains(t.type())) {
                physical = physical.plus(t.amount());
            } else if (t.type() == TenderType.CREDIT_CARD || t.type() == TenderType.DEBIT_CARD) {
                cards = cards.plus(t.amount());
            } else {
                bank = bank.plus(t.amount());
            }
        }
        physical = physical.minus(w.change);
        String physicalAccount = w.payment.source() == TenderSource.DRAWER
                ? StandardAccount.CASH_IN_DRAWERS.code() : StandardAccount.CASH_IN_BANK.code();
        Money[] pools = {physical, cards, bank};
        String[] accounts = {physicalAccount, StandardAccount.CARD_CLEARING.code(), StandardAccount.CASH_IN_BANK.code()};
        List<JournalLineRequest> lines = new ArrayList<>();
        for (Map.Entry<String, Money> fund : creditsByFund.entrySet()) {
            Money need = fund.getValue();
            Map<String, Money> debits = new LinkedHashMap<>();
            for (int i = 0; i < pools.length && need.isPositive(); i++) {
                Money take = pools[i].compareTo(need) < 0 ? pools[i] : need;
                if (take.isPositive()) {
                    debits.merge(accounts[i], take, Money::plus);
                    pools[i] = pools[i].minus(take);
                    need = need.minus(take);
                }
            }
            debits.forEach((account, m) -> lines.add(JournalLineRequest.debit(fund.getKey(), account, m)));
        }
        lines.addAll(credits.values());
        String payer = w.payment.payerName() == null || w.payment.payerName().isBlank() ? "" : " from " + w.payment.payerName().trim();
        return new JournalEntryRequest("payment:" + w.key, w.businessDate, LEDGER_SOURCE,
                "Payment " + w.key + payer, lines);
    }

    private void insertPayments(List<Work> fresh, List<PostedEntry> posted, String user, Timestamp now) {
        int n = fresh.size();
        String[] keys = new String[n];
        String[] hashes = new String[n];
        String[] sources = new String[n];
        Long[] drawers = new Long[n];
        Long[] controls = new Long[n];
        String[] dates = new String[n];
        String[] payers = new String[n];
        String[] refs = new String[n];
        String[] amounts = new String[n];
        String[] changes = new String[n];
        Long[] entryIds = new Long[n];
        for (int i = 0; i < n; i++) {
            Work w = fresh.get(i);
            keys[i] = w.key;
            hashes[i] = w.hash;
            sources[i] = w.payment.source().name();
            drawers[i] = w.drawerId;
            controls[i] = w.drawerId == null ? w.payment.tenderControlId() : null;
            dates[i] = w.businessDate.toString();
            payers[i] = w.payment.payerName();
            refs[i] = w.payment.externalReference();
            amounts[i] = w.allocated.toString();
            changes[i] = w.change.toString();
            entryIds[i] = posted.get(i).id();
        }
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("""
                insert into cashiering_payment (idempotency_key, content_hash, source, drawer_id, tender_control_id,
                  business_date, payer_name, external_reference, amount, change_given, ledger_entry_id, posted_at, posted_by)
                select k, h, s, d, c, bd::date, p, r, a::numeric, ch::numeric, e, :now, :by
                from unnest(:keys, :hashes, :sources, :drawers, :controls, :dates, :payers, :refs, :amounts, :changes, :entries)
                  as u(k, h, s, d, c, bd, p, r, a, ch, e)
                on conflict (idempotency_key) do nothing
                returning idempotency_key, id""")
                .param("keys", keys).param("hashes", hashes).param("sources", sources).param("drawers", drawers)
                .param("controls", controls).param("dates", dates).param("payers", payers).param("refs", refs)
                .param("amounts", amounts).param("changes", changes).param("entries", entryIds)
                .param("now", now).param("by", user)
                .query(rs -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                });
        // tenders and allocations by COPY (a third faster than insert from arrays at a lockbox chunk's size)
        CopyText tenders = new CopyText();
        CopyText allocations = new CopyText();
        for (int i = 0; i < n; i++) {
            Work w = fresh.get(i);
            Long id = ids.get(w.key);
            if (id == null) {
                // another transaction posted this key meanwhile (and committed): ours is a replay of it
                w.result = replay(jdbc.sql("select id from cashiering_payment where idempotency_key = :k")
                        .param("k", w.key).query(Long.class).single());
                continue;
            }
            w.result = new PostedPayment(id, w.key, w.businessDate, w.allocated, w.change, posted.get(i).id(), false);
            int line = 1;
            for (NewPayment.Tender t : w.payment.tenders()) {
                tenders.add(id).add(line++).add(t.type().name()).add(t.amount()).add(blankToNull(t.checkNumber()))
                        .add(blankToNull(t.cardToken())).add(blankToNull(t.cardBrand())).add(blankToNull(t.cardLast4()))
                        .end();
            }
            line = 1;
            for (AllocationLine l : w.lines) {
                allocations.add(id).add(line++).add(l.targetType()).add(l.reference()).add(l.kind()).add(l.fund())
                        .add(l.account()).add(l.receivableId()).add(l.amount()).end();
            }
        }
        tenders.copyInto(dataSource, "cashiering_payment_tender (payment_id, line_no, tender_type, amount, check_number, "
                + "card_token, card_brand, card_last4)");
        allocations.copyInto(dataSource, "cashiering_payment_allocation (payment_id, line_no, target_type, "
                + "target_reference, kind, fund_code, account, receivable_id, amount)");
    }

    private PostedPayment replay(long paymentId) {
        return jdbc.sql("""
                select id, idempotency_key, business_date, amount, change_given, ledger_entry_id
                from cashiering_payment where id = :id""").param("id", paymentId)
                .query((rs, i) -> new PostedPayment(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        Money.of(rs.getBigDecimal(4)), Money.of(rs.getBigDecimal(5)), rs.getLong(6), true))
                .single();
    }

    private static PostedPayment asReplay(PostedPayment p) {
        return new PostedPayment(p.paymentId(), p.idempotencyKey(), p.businessDate(), p.amount(), p.changeGiven(),
                p.ledgerEntryId(), true);
    }

    private static BusinessRuleViolation keyReused(String prefix) {
        return new BusinessRuleViolation("payment.idempotency-key-reused", prefix + "idempotencyKey",
                "This idempotency key already posted a different payment; use a new key for a new payment");
    }

    public static String actor() {
        String override = AuditActor.override();
        if (override != null) {
            return override;
        }
        return CurrentStaff.username().orElse("system");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ------------------------------------------------------------------ validation

    /** Refuses what is wrong with the payment itself, before anything is read or written. */
    public static void validateShape(NewPayment p, String prefix) {
        if (p == null) {
            throw new BusinessRuleViolation("payment.missing", prefix + "payment", "A payment is missing");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (p.idempotencyKey() == null || p.idempotencyKey().isBlank()) {
            problems.add(new FieldProblem(prefix + "idempotencyKey", "Every payment needs an idempotency key"));
        } else if (p.idempotencyKey().trim().length() > 180) {
            problems.add(new FieldProblem(prefix + "idempotencyKey", "An idempotency key has at most 180 characters"));
        }
        if (p.source() == null) {
            problems.add(new FieldProblem(prefix + "source", "Say where the money came in"));
        } else if (p.source() == TenderSource.DRAWER && p.tenderControlId() == null) {
            problems.add(new FieldProblem(prefix + "tenderControlId", "A drawer payment names the open drawer"));
        }
        if (p.tenders() == null || p.tenders().isEmpty()) {
            problems.add(new FieldProblem(prefix + "tenders", "Add at least one tender"));
        } else {
            for (int i = 0; i < p.tenders().size(); i++) {
                NewPayment.Tender t = p.tenders().get(i);
                String f = prefix + "tenders[" + i + "]";
                if (t == null || t.type() == null) {
                    problems.add(new FieldProblem(f + ".type", "Choose the tender type"));
                    continue;
                }
                if (t.amount() == null || !t.amount().isPositive()) {
                    problems.add(new FieldProblem(f + ".amount", "A tender's amount must be more than zero"));
                }
                if (t.type() == TenderType.CREDIT_CARD || t.type() == TenderType.DEBIT_CARD) {
                    if (t.cardToken() == null || t.cardToken().isBlank()) {
                        problems.add(new FieldProblem(f + ".cardToken", "A card tender needs the processor's token"));
                    } else if (t.cardToken().replaceAll("[\\s-]", "").matches(".*[0-9]{13,}.*")) {
                        problems.add(new FieldProblem(f + ".cardToken", "Send the processor's token, never a card number"));
                    }
                    if (t.cardLast4() == null || !t.cardLast4().matches("[0-9]{4}")) {
                        problems.add(new FieldProblem(f + ".cardLast4", "Give the card's last four digits"));
                    }
                    if (t.cardBrand() == null || t.cardBrand().isBlank()) {
                        problems.add(new FieldProblem(f + ".cardBrand", "Give the card brand"));
                    }
                } else if (t.cardToken() != null || t.cardLast4() != null) {
                    problems.add(new FieldProblem(f + ".cardToken", "Only card tenders carry card details"));
                }
                if (t.checkNumber() != null && !t.checkNumber().isBlank() && !t.checkNumber().trim().matches("[A-Za-z0-9-]{1,20}")) {
                    problems.add(new FieldProblem(f + ".checkNumber", "A check number has 1 to 20 letters, digits or dashes"));
                }
                if (p.source() == TenderSource.DRAWER && t.type() == TenderType.ACH) {
                    problems.add(new FieldProblem(f + ".type", "A drawer does not take ACH"));
                }
            }
        }
        if (p.allocations() == null || p.allocations().isEmpty()) {
            problems.add(new FieldProblem(prefix + "allocations", "Say what the payment pays"));
        } else {
            for (int i = 0; i < p.allocations().size(); i++) {
                NewPayment.Allocation a = p.allocations().get(i);
                String f = prefix + "allocations[" + i + "]";
                if (a == null || a.target() == null || a.target().receivableType() == null
                        || a.target().reference() == null || a.target().reference().isBlank()) {
                    problems.add(new FieldProblem(f + ".target", "Say what this part pays (type and reference)"));
                    continue;
                }
                if (a.amount() == null || !a.amount().isPositive()) {
                    problems.add(new FieldProblem(f + ".amount", "An amount must be more than zero"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("payment.invalid", "The payment cannot be posted: " + problems.get(0).reason(),
                    problems);
        }
    }

    /** Everything the payment says except its key: equal hashes mean the same payment. */
    public static String contentHash(NewPayment p) {
        StringBuilder s = new StringBuilder("v1");
        field(s, p.source().name());
        field(s, p.tenderControlId() == null ? null : p.tenderControlId().toString());
        field(s, p.businessDate() == null ? null : p.businessDate().toString());
        field(s, p.payerName());
        field(s, p.externalReference());
        for (NewPayment.Tender t : p.tenders()) {
            field(s, t.type().name());
            field(s, t.amount().toString());
            field(s, t.checkNumber());
            field(s, t.cardToken());
            field(s, t.cardBrand());
            field(s, t.cardLast4());
        }
        for (NewPayment.Allocation a : p.allocations()) {
            field(s, a.target().receivableType());
            field(s, a.target().reference().trim());
            field(s, a.amount().toString());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void field(StringBuilder s, String v) {
        if (v == null) {
            s.append("|-");
        } else {
            s.append('|').append(v.length()).append(':').append(v);
        }
    }

    static Set<String> distinct(List<String> values) {
        return new LinkedHashSet<>(values);
    }
}

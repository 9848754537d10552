package org.civicdesk.cashiering.internal.payments;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.Fee;
import org.civicdesk.billing.FeeSchedule;
import org.civicdesk.cashiering.PaymentReturned;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.customer.AccountDetails;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.Accounts;
import org.civicdesk.customer.LetterDelivery;
import org.civicdesk.customer.Letters;
import org.civicdesk.identity.Permission;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.Side;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Taking payments back, never deleting them: a same-day void (approved) reverses the entry in the open
 * drawer; a reversal after the drawer closed and a bank return take the money back from the bank. A return
 * also charges the NSF fee, writes the letter, applies the cash-only rule and publishes PaymentReturned.
 */
@Component
public class PaymentReversals {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final FeeSchedule fees;
    private final Accounts accounts;
    private final Letters letters;
    private final CashOnlyRule cashOnlyRule;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final BusinessTime time;
    private final CreditApplication creditApplication;

    PaymentReversals(JdbcClient jdbc, Ledger ledger, FeeSchedule fees, Accounts accounts, Letters letters,
            CashOnlyRule cashOnlyRule, AuditTrail audit, ApplicationEventPublisher events, java.time.Clock clock,
            CreditApplication creditApplication) {
        this.creditApplication = creditApplication;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.fees = fees;
        this.accounts = accounts;
        this.letters = letters;
        this.cashOnlyRule = cashOnlyRule;
        this.audit = audit;
        this.events = events;
        this.time = new BusinessTime(clock);
    }

    /** A payment as stored, for reversing it. */
    public record Stored(long id, String key, String source, Long drawerId, LocalDate businessDate, Money amount,
            Money change, long entryId, String drawerStatus) {
    }

    public Stored lock(long paymentId) {
        return read(paymentId, " for update of p");
    }

    /** The payment without locking it (pages). */
    public Stored stored(long paymentId) {
        return read(paymentId, "");
    }

    private Stored read(long paymentId, String lock) {
        return jdbc.sql("""
                select p.id, p.idempotency_key, p.source, p.drawer_id, p.business_date, p.amount, p.change_given,
                       p.ledger_entry_id, d.status
                from cashiering_payment p left join cashiering_drawer d on d.id = p.drawer_id
                where p.id = :id""" + lock).param("id", paymentId)
                .query((rs, i) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
                        rs.getObject(5, LocalDate.class), Money.of(rs.getBigDecimal(6)), Money.of(rs.getBigDecimal(7)),
                        rs.getLong(8), rs.getString(9)))
                .optional().orElseThrow(() -> new RecordNotFound("paymentId", "There is no payment " + paymentId));
    }

    public Optional<String> reversalKind(long paymentId) {
        return jdbc.sql("select kind from cashiering_payment_reversal where payment_id = :id").param("id", paymentId)
                .query(String.class).optional();
    }

    /**
     * A portal bank payment already in a debit file sent to the bank: the bank will collect it whatever the city
     * writes, so taking it back here would say the customer was repaid when nobody repays them. Only the bank's
     * return takes it back; otherwise the customer is refunded.
     */
    private Optional<String> sentToTheBank(long paymentId) {
        return jdbc.sql("""
                select f.file_date from cashiering_online_debit_entry e
                  join cashiering_online_debit_file f on f.id = e.file_id where e.payment_id = :p""")
                .param("p", paymentId).query(LocalDate.class).optional()
                .map(day -> "Payment " + paymentId + " went to the customer's bank in the portal debit file of " + day
                        + ": the bank collects it; if the bank returns it, the return takes it back, otherwise refund"
                        + " the customer");
    }

    /** Why a same-day void is not possible now, if it is not. */
    public Optional<String> voidRefusal(Stored p) {
        if (reversalKind(p.id()).isPresent()) {
            return Optional.of("Payment " + p.id() + " was already taken back");
        }
        Optional<String> sent = sentToTheBank(p.id());
        if (sent.isPresent()) {
            return sent;
        }
        if (p.drawerId() == null) {
            return Optional.of("Only a drawer payment can be voided; use a reversal");
        }
        if (!"OPEN".equals(p.drawerStatus()) && !"CLOSE_PENDING".equals(p.drawerStatus())) {
            return Optional.of("The drawer is closed: after the close only a reversal is possible");
        }
        if (!p.businessDate().equals(time.today())) {
            return Optional.of("Only a payment of today can be voided; use a reversal");
        }
        return Optional.empty();
    }

    /** A same-day void, approved by a supervisor: reverses the entry in the drawer. */
    @Transactional
    public PostedPayment voidPayment(long paymentId, String reason, Long approvalRequestId) {
        Stored p = lock(paymentId);
        voidRefusal(p).ifPresent(why -> {
            throw new BusinessRuleViolation("payment.void-refused", "paymentId", why);
        });
        creditApplication.reverseApplicationsOf(p.id(), "void: " + reason);
        PostedEntry reversal = ledger.reverse(p.entryId(), "Void of payment " + p.id() + ": " + reason);
        record(p, "VOID", null, reason, p.drawerId(), new Reversed(reversal.id(), null), null, null, null, approvalRequestId);
        return result(p, reversal.id());
    }

    /** A reversal after the drawer closed (or of a file payment): the money goes back from the bank. */
    @Transactional
    public PostedPayment reversePayment(long paymentId, String reason) {
        requireReason(reason);
        Stored p = lock(paymentId);
        if (reversalKind(p.id()).isPresent()) {
            throw new Conflict("payment.already-reversed", "Payment " + p.id() + " was already taken back");
        }
        if ("OPEN".equals(p.drawerStatus())) {
            throw new BusinessRuleViolation("payment.void-first", "paymentId",
                    "The drawer is still open: request a same-day void instead");
        }
        sentToTheBank(p.id()).ifPresent(why -> {
            throw new BusinessRuleViolation("payment.sent-to-bank", "paymentId", why);
        });
        Reversed entry = reverseFromBank(p, "payment-reversal:" + p.id(), "Reversal of payment " + p.id() + ": " + reason);
        record(p, "REVERSAL", null, reason, null, entry, null, null, null, null);
        return result(p, entry.reversalEntryId());
    }

    @Transactional
    public PostedPayment returnPayment(long paymentId, String returnCode, String reason) {
        if (returnCode == null || !returnCode.trim().matches("R[0-9]{2}|CHECK")) {
            throw new BusinessRuleViolation("payment.invalid-return-code", "returnCode",
                    "Give the ACH return reason code (R01 ...) or CHECK for a returned check");
        }
        requireReason(reason);
        String code = returnCode.trim();
        Stored p = lock(paymentId);
        Optional<String> kind = reversalKind(p.id());
        if (kind.isPresent()) {
            if (kind.get().equals("RETURN")) {
                long entry = jdbc.sql("select reversal_entry_id from cashiering_payment_reversal where payment_id = :id")
                        .param("id", p.id()).query(Long.class).single();
                return new PostedPayment(p.id(), p.key(), p.businessDate(), p.amount(), p.change(), entry, true);
            }
            throw new Conflict("payment.already-reversed", "Payment " + p.id() + " was already " + kind.get().toLowerCase()
                    + "ed; it cannot be returned");
        }
        Reversed reversalEntry = reverseFromBank(p, "payment-return:" + p.id(),
                "Returned payment " + p.id() + " (" + code + "): " + reason);
        Optional<String> account = jdbc.sql("""
                select target_reference from cashiering_payment_allocation
                where payment_id = :id and target_type = :t order by line_no limit 1""")
                .param("id", p.id()).param("t", UtilityAccountKind.TYPE).query(String.class).optional();
        Long feeEntry = null;
        LocalDate cashOnlyUntil = null;
        if (account.isPresent()) {
            AccountDetails details = accounts.account(new AccountNumber(account.get()));
            Fee fee = fees.feeOn("RETURNED_PAYMENT", time.today());
            Receivable receivable = ledger.openReceivable(UtilityAccountKind.TYPE, fee.fundCode(), details.accountNumber(),
                    details.customerName());
            LocalDate due = time.today().plusDays(10);
            feeEntry = ledger.post(new JournalEntryRequest("nsf-fee:payment:" + p.id(), time.today(), PaymentBook.LEDGER_SOURCE,
                    "Returned payment fee, payment " + p.id() + " (" + code + ")", List.of(
                            JournalLineRequest.debit(fee.fundCode(), StandardAccount.RECEIVABLES.code(), fee.amount())
                                    .receivable(receivable.id()).due(due),
                            JournalLineRequest.credit(fee.fundCode(), fee.revenueAccount(), fee.amount())))).id();
            record(p, "RETURN", code, reason, null, reversalEntry, feeEntry, UtilityAccountKind.TYPE, account.get(), null);
            letters.send(details.id(), "RETURNED_PAYMENT", Map.of("amount", p.amount().formatted(),
                    "dueDate", due.toString()), LetterDelivery.AUTO);
            cashOnlyUntil = cashOnlyRule.cashOnlyUntil(UtilityAccountKind.TYPE, account.get()).orElse(null);
            if (cashOnlyUntil != null && details.alerts().stream().noneMatch(a -> "CASH_ONLY".equals(a.type()))) {
                LocalDate until = cashOnlyUntil;
                asCashOnlyRule(() -> accounts.addAlert(new AccountNumber(account.get()), "CASH_ONLY",
                        "Returned payments: certified funds only until " + until, time.today(), until));
            }
        } else {
            record(p, "RETURN", code, reason, null, reversalEntry, null, null, null, null);
        }
        List<PaymentTarget> targets = jdbc.sql("""
                select distinct target_type, target_reference from cashiering_payment_allocation where payment_id = :id""")
                .param("id", p.id()).query((rs, i) -> new PaymentTarget(rs.getString(1), rs.getString(2))).list();
        events.publishEvent(new PaymentReturned(p.id(), time.today(), p.amount(), code, targets,
                reversalEntry.reversalEntryId(), feeEntry, cashOnlyUntil));
        return result(p, reversalEntry.reversalEntryId());
    }

    /**
     * The alert is set by the city's rule, not by the user who entered the return: the call runs with the
     * rule's own authority (ALERT_MANAGE only) and the audit names the rule.
     */
    private static void asCashOnlyRule(Runnable work) {
        Authentication previous = SecurityContextHolder.getContext().getAuthentication();
        String user = previous == null ? "system" : previous.getName();
        try {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    user, null, List.of(new SimpleGrantedAuthority(Permission.ALERT_MANAGE.authority()))));
            org.civicdesk.audit.AuditActor.runAs("system:cash-only-rule (" + user + ")", work);
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    /** The ledger's reversal of a payment and, for drawer money, the bank's charge-back (else null). */
    record Reversed(long reversalEntryId, Long bankEntryId) {
    }

    /**
     * Reverses the payment's entry through the ledger, so the reversal names the original and the receivables
     * re-open on the account (due today). Drawer money already left in the deposit (or will: the deposit takes
     * what the drawer's own entries put in cash in drawers), so a second entry, under the given key, moves what the
     * reversal took out of cash in drawers to cash in bank, fund by fund: the bank charges the item back.
     */
    private Reversed reverseFromBank(Stored p, String key, String memo) {
        creditApplication.reverseApplicationsOf(p.id(), memo);
        PostedEntry original = ledger.entry(p.entryId());
        PostedEntry reversal = ledger.reverse(p.entryId(), memo);
        Map<String, Money> drawerCashByFund = new java.util.TreeMap<>();
        for (PostedEntry.Line l : original.lines()) {
            if (l.account().code().equals(StandardAccount.CASH_IN_DRAWERS.code())) {
                drawerCashByFund.merge(l.account().fund(), l.side() == Side.DEBIT ? l.amount() : l.amount().negate(), Money::plus);
            }
        }
        List<JournalLineRequest> lines = new ArrayList<>();
        drawerCashByFund.forEach((fund, m) -> {
            if (m.isPositive()) {
                lines.add(JournalLineRequest.debit(fund, StandardAccount.CASH_IN_DRAWERS.code(), m));
                lines.add(JournalLineRequest.credit(fund, StandardAccount.CASH_IN_BANK.code(), m));
            } else if (m.isNegative()) {
                lines.add(JournalLineRequest.debit(fund, StandardAccount.CASH_IN_BANK.code(), m.negate()));
                lines.add(JournalLineRequest.credit(fund, StandardAccount.CASH_IN_DRAWERS.code(), m.negate()));
            }
        });
        if (lines.isEmpty()) {
            return new Reversed(reversal.id(), null);
        }
        long bank = ledger.post(new JournalEntryRequest(key, time.today(), PaymentBook.LEDGER_SOURCE,
                "Bank charge-back of deposited payment " + p.id() + " (reversal entry " + reversal.id() + " of entry "
                        + p.entryId() + ")", lines)).id();
        return new Reversed(reversal.id(), bank);
    }

    private void record(Stored p, String kind, String code, String reason, Long drawerId, Reversed reversed, Long feeEntry,
            String targetType, String targetReference, Long approvalId) {
        long reversalEntry = reversed.reversalEntryId();
        jdbc.sql("""
                insert into cashiering_payment_reversal (payment_id, kind, return_code, reason, business_date, drawer_id,
                  reversal_entry_id, bank_entry_id, fee_entry_id, target_type, target_reference, approval_request_id,
                  created_at, created_by)
                values (:p, :k, :c, :r, :d, :dr, :e, :b, :f, :tt, :tr, :a, :now, :by)""")
                .param("p", p.id()).param("k", kind).param("c", code).param("r", reason.trim()).param("d", time.today())
                .param("dr", drawerId).param("e", reversalEntry).param("b", reversed.bankEntryId()).param("f", feeEntry)
                .param("tt", targetType)
                .param("tr", targetReference).param("a", approvalId).param("now", Timestamp.from(time.now()))
                .param("by", PaymentBook.actor()).update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", kind);
        after.put("reason", reason.trim());
        after.put("reversalEntryId", reversalEntry);
        if (reversed.bankEntryId() != null) {
            after.put("bankEntryId", reversed.bankEntryId());
        }
        if (code != null) {
            after.put("returnCode", code);
        }
        if (feeEntry != null) {
            after.put("feeEntryId", feeEntry);
        }
        audit.recordChange("payment", Long.toString(p.id()), kind.toLowerCase(), Map.of("status", "POSTED"), after);
    }

    private static PostedPayment result(Stored p, long entry) {
        return new PostedPayment(p.id(), p.key(), p.businessDate(), p.amount(), p.change(), entry, false);
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BusinessRuleViolation("payment.reason-required", "reason", "Say why the payment is taken back");
        }
    }
}

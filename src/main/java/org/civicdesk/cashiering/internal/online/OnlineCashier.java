package org.civicdesk.cashiering.internal.online;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.OnlinePayments;
import org.civicdesk.cashiering.PaymentTarget;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.cashiering.TenderType;
import org.civicdesk.cashiering.ReceivableTypes.TargetDetails;
import org.civicdesk.cashiering.internal.drawers.CounterPayments;
import org.civicdesk.cashiering.internal.files.Autopay;
import org.civicdesk.cashiering.internal.files.BankAccountVault;
import org.civicdesk.cashiering.internal.files.NachaRules;
import org.civicdesk.cashiering.internal.payments.PaymentBook;
import org.civicdesk.cashiering.internal.payments.PaymentViews;
import org.civicdesk.cashiering.internal.payments.UtilityAccountKind;
import org.civicdesk.cashiering.internal.web.Receipts;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The portal's payments. A card payment is taken like the counter takes one (authorise and capture with the
 * processor, then post; a decline refuses it naming the card, a failed post voids the authorisation); a bank
 * payment keeps the bank account number in the vault and posts an ACH tender, refused on a cash-only account;
 * the daily WEB debit file (internal.files.OnlineDebitFiles) collects it from the customer's bank.
 * Both post with source PORTAL under the key portal:account:submission, so a double submit replays the first.
 */
@Service
class OnlineCashier implements OnlinePayments {

    private static final String TARGET = UtilityAccountKind.TYPE;

    private final Payments payments;
    private final CounterPayments cards;
    private final BankAccountVault vault;
    private final Autopay autopay;
    private final UtilityAccountKind accounts;
    private final PaymentViews views;
    private final Receipts receipts;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final BusinessTime time;

    OnlineCashier(Payments payments, CounterPayments cards, BankAccountVault vault, Autopay autopay,
            UtilityAccountKind accounts, PaymentViews views, Receipts receipts, AuditTrail audit, JdbcClient jdbc,
            java.time.Clock clock) {
        this.payments = payments;
        this.cards = cards;
        this.vault = vault;
        this.autopay = autopay;
        this.accounts = accounts;
        this.views = views;
        this.receipts = receipts;
        this.audit = audit;
        this.jdbc = jdbc;
        this.time = new BusinessTime(clock);
    }

    @Override
    public String hostedCardStep(Money amount, String returnPath) {
        return UriComponentsBuilder.fromPath("/portal/test-card-processor/hosted")
                .queryParam("amount", amount.amount().toPlainString()).queryParam("returnTo", returnPath)
                .encode().build().toUriString();
    }

    static String key(String accountNumber, String submissionId) {
        return "portal:" + accountNumber + ":" + submissionId;
    }

    private static void checkCommon(String accountNumber, Money amount, String submissionId) {
        if (accountNumber == null || !accountNumber.matches("[0-9]{10}")) {
            throw new BusinessRuleViolation("online.account", "accountNumber", "Give the 10-digit account number");
        }
        if (amount == null || !amount.isPositive()) {
            throw new BusinessRuleViolation("online.amount", "amount", "The amount must be more than zero");
        }
        if (amount.compareTo(MAXIMUM) > 0) {
            throw new BusinessRuleViolation("online.amount", "amount",
                    "One online payment is at most " + MAXIMUM.formatted());
        }
        if (submissionId == null || !submissionId.matches("[A-Za-z0-9-]{8,64}")) {
            throw new BusinessRuleViolation("online.submission", "submissionId",
                    "The payment form has expired: open it again");
        }
    }

    @Override
    @Transactional
    public Receipt payByCard(CardPayment p) {
        checkCommon(p.accountNumber(), p.amount(), p.submissionId());
        String key = key(p.accountNumber(), p.submissionId());
        Optional<Long> earlier = paymentOfKey(key);
        if (earlier.isPresent()) {
            return receiptOf(p.accountNumber(), earlier.get(), true);
        }
        NewPayment payment = new NewPayment(key, TenderSource.PORTAL, null, null,
                List.of(new NewPayment.Tender(TenderType.CREDIT_CARD, p.amount(), null, p.cardToken(), p.cardBrand(),
                        p.cardLast4())),
                List.of(new NewPayment.Allocation(new PaymentTarget(TARGET, p.accountNumber()), p.amount())),
                p.payerName(), "portal:" + p.submissionId());
        PostedPayment posted;
        try {
            posted = cards.take(payment);
        } catch (BusinessRuleViolation e) {
            throw portalField(e);
        }
        return receiptOf(p.accountNumber(), posted.paymentId(), posted.replayed());
    }

    @Override
    @Transactional
    public Receipt payByBank(BankPayment p) {
        checkCommon(p.accountNumber(), p.amount(), p.submissionId());
        String key = key(p.accountNumber(), p.submissionId());
        Optional<Long> earlier = paymentOfKey(key);
        if (earlier.isPresent()) {
            return receiptOf(p.accountNumber(), earlier.get(), true);
        }
        Optional<String> cashOnly = cashOnlyReason(p.accountNumber());
        if (cashOnly.isPresent()) {
            throw new BusinessRuleViolation("payment.cash-only", "method",
                    "This account takes certified funds only: pay by card, or in person. " + cashOnly.get());
        }
        String routing = p.routingNumber() == null ? "" : p.routingNumber().strip();
        if (!NachaRules.isValidRoutingNumber(routing)) {
            throw new BusinessRuleViolation("online.routing", "routingNumber",
                    "A routing number has 9 digits and a valid check digit");
        }
        String bankAccount = p.bankAccountNumber() == null ? "" : p.bankAccountNumber().replaceAll("[\\s-]", "");
        if (!bankAccount.matches("[0-9]{4,17}")) {
            throw new BusinessRuleViolation("online.bank-account", "bankAccountNumber",
                    "A bank account number has 4 to 17 digits");
        }
        if (!"CHECKING".equals(p.accountType()) && !"SAVINGS".equals(p.accountType())) {
            throw new BusinessRuleViolation("online.account-type", "accountType", "Choose checking or savings");
        }
        if (p.holderName() == null || p.holderName().isBlank()) {
            throw new BusinessRuleViolation("online.holder", "holderName", "Enter the name on the bank account");
        }
        NewPayment payment = new NewPayment(key, TenderSource.PORTAL, null, null,
                List.of(new NewPayment.Tender(TenderType.ACH, p.amount(), null, null, null, null)),
                List.of(new NewPayment.Allocation(new PaymentTarget(TARGET, p.accountNumber()), p.amount())),
                p.holderName().strip(), "portal:" + p.submissionId());
        PostedPayment posted;
        try {
            posted = payments.post(payment);
        } catch (BusinessRuleViolation e) {
            throw portalField(e);
        }
        if (!posted.replayed()) {
            String token = vault.store(routing, bankAccount);
            String last4 = bankAccount.substring(bankAccount.length() - 4);
            jdbc.sql("""
                    insert into cashiering_online_bank_debit (payment_id, account_number, routing_number, bank_token,
                      bank_last4, account_type, holder_name, created_at, created_by)
                    values (:p, :a, :r, :t, :l4, :type, :h, :now, :by) on conflict (payment_id) do nothing""")
                    .param("p", posted.paymentId()).param("a", p.accountNumber()).param("r", routing).param("t", token)
                    .param("l4", last4).param("type", p.accountType()).param("h", p.holderName().strip())
                    .param("now", Timestamp.from(time.now())).param("by", PaymentBook.actor()).update();
            audit.recordChange("payment", Long.toString(posted.paymentId()), "bank-debit-recorded", null,
                    Map.of("bankLast4", last4, "accountType", p.accountType(), "account", p.accountNumber()));
        }
        return receiptOf(p.accountNumber(), posted.paymentId(), posted.replayed());
    }

    /** Cashiering's field names (tenders[0].type) mean nothing on the portal's form: name the portal's field. */
    private static BusinessRuleViolation portalField(BusinessRuleViolation e) {
        String field = switch (e.code()) {
            case "payment.card-declined" -> "card";
            case "payment.cash-only" -> "method";
            default -> "amount";
        };
        String reason = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).reason();
        return new BusinessRuleViolation(e.code(), field, reason);
    }

    private Optional<Long> paymentOfKey(String key) {
        return jdbc.sql("select id from cashiering_payment where idempotency_key = :k").param("k", key)
                .query(Long.class).optional();
    }

    @Override
    public Optional<String> cashOnlyReason(String accountNumber) {
        TargetDetails d = accounts.resolve(accountNumber);
        return d.cashOnly() ? Optional.of(d.cashOnlyReason()) : Optional.empty();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Receipt> receipt(String accountNumber, long paymentId) {
        return paysAccount(accountNumber, paymentId) ? Optional.of(receiptOf(accountNumber, paymentId, false)) : Optional.empty();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<byte[]> receiptPdf(String accountNumber, long paymentId, String language) {
        if (!paysAccount(accountNumber, paymentId)) {
            return Optional.empty();
        }
        return Optional.of(receipts.pdf(views.payment(paymentId), "es".equals(language) ? "es" : "en", false));
    }

    private boolean paysAccount(String accountNumber, long paymentId) {
        return jdbc.sql("""
                select exists (select 1 from cashiering_payment_allocation
                                where payment_id = :p and target_type = :t and target_reference = :a)""")
                .param("p", paymentId).param("t", TARGET).param("a", accountNumber == null ? "" : accountNumber)
                .query(Boolean.class).single();
    }

    private Receipt receiptOf(String accountNumber, long paymentId, boolean replayed) {
        if (!paysAccount(accountNumber, paymentId)) {
            throw new RecordNotFound("paymentId", "No such payment on this account");
        }
        PaymentViews.PaymentView v = views.payment(paymentId);
        Money toAccount = v.allocations().stream().filter(a -> a.targetType().equals(TARGET) && a.reference().equals(accountNumber))
                .map(PaymentViews.AllocationView::amount).reduce(Money.ZERO, Money::plus);
        PaymentViews.TenderView first = v.tenders().get(0);
        String method = switch (first.type()) {
            case "CREDIT_CARD", "DEBIT_CARD" -> "CARD";
            default -> first.type();
        };
        String last4 = first.cardLast4();
        if ("ACH".equals(method) && "PORTAL".equals(v.source())) {
            last4 = jdbc.sql("select bank_last4 from cashiering_online_bank_debit where payment_id = :p")
                    .param("p", paymentId).query(String.class).optional().orElse(null);
        }
        String confirmation = "P" + paymentId + "-" + v.businessDate().toString().replace("-", "");
        return new Receipt(paymentId, accountNumber, v.businessDate(), v.postedAt(), toAccount, v.source(),
                method.toUpperCase(Locale.ROOT), first.cardBrand(), last4, confirmation, v.reversal() != null, replayed);
    }

    @Override
    public Optional<AutopayEnrolment> autopay(String accountNumber) {
        return jdbc.sql("""
                select id, bank_last4, account_type, holder_name, started_on from autopay_enrolment
                 where account_number = :a and status = 'ACTIVE' order by id desc limit 1""")
                .param("a", accountNumber == null ? "" : accountNumber)
                .query((rs, i) -> new AutopayEnrolment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class))).optional();
    }

    @Override
    @Transactional
    public AutopayEnrolment enrolAutopay(String accountNumber, String routingNumber, String bankAccountNumber,
            String accountType, String holderName) {
        Autopay.Enrolment e = autopay.enrol(accountNumber, routingNumber, bankAccountNumber, accountType, holderName);
        return new AutopayEnrolment(e.id(), e.bankLast4(), e.accountType(), e.holderName(), e.startedOn());
    }

    @Override
    @Transactional
    public void cancelAutopay(String accountNumber, String reason) {
        AutopayEnrolment e = autopay(accountNumber).orElseThrow(() -> new BusinessRuleViolation("autopay.none", "autopay",
                "This account is not enrolled in autopay"));
        autopay.end(e.id(), reason);
    }
}

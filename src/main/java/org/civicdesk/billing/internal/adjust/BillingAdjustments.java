package org.civicdesk.billing.internal.adjust;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.billing.internal.document.BillingAccounts;
import org.civicdesk.billing.internal.document.BillingAccounts.BillingAccount;
import org.civicdesk.identity.ApprovalRequest;
import org.civicdesk.identity.Approvals;
import org.civicdesk.identity.CurrentStaff;
import org.civicdesk.ledger.JournalEntryRequest;
import org.civicdesk.ledger.JournalLineRequest;
import org.civicdesk.ledger.Ledger;
import org.civicdesk.ledger.PostedEntry;
import org.civicdesk.ledger.Receivable;
import org.civicdesk.ledger.StandardAccount;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.BusinessRuleViolation.FieldProblem;
import org.civicdesk.platform.BusinessTime;
import org.civicdesk.platform.Conflict;
import org.civicdesk.platform.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Billing adjustments: a credit or debit to an account's receivable in one fund against the service's revenue
 * account (fee revenue 4900 for fees), with a reason code. Up to the approval limit (absolute amount) they post
 * at once; above it they are filed for a second person (BILL_ADJUST_APPROVE) and post on approval. Posting is
 * one balanced ledger entry under the key billing-adjustment:requestKey and one append-only row.
 */
@Service
public class BillingAdjustments {

    static final String ACTION_TYPE = "billing.adjustment";
    static final String RECEIVABLE_TYPE = "utility-account";
    static final Set<String> SERVICE_TYPES = Set.of("ELECTRIC", "GAS", "WATER", "WASTEWATER", "SOLID_WASTE",
            "IRRIGATION", "HYDRANT");

    /** What became of a submitted adjustment. */
    public sealed interface Outcome {
        record Posted(BillingAdjustment adjustment) implements Outcome {
        }

        record AwaitingApproval(ApprovalRequest request) implements Outcome {
        }
    }

    /** A reason code with its English and Spanish wording. */
    public record Reason(String code, String description, String descriptionEs) {
    }

    /** Where an adjustment posts, worked out from the account, the bill and the service. */
    record Target(BillingAccount account, Long billId, String serviceType, String fund, String revenueAccount) {
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Approvals approvals;
    private final AuditTrail audit;
    private final BusinessTime time;
    private final BillingAccounts accounts;
    private final Money approvalLimit;
    private final ObjectMapper json;

    BillingAdjustments(JdbcClient jdbc, Ledger ledger, Approvals approvals, AuditTrail audit, BusinessTime time,
            BillingAccounts accounts, ObjectMapper json,
            @Value("${civicdesk.billing.adjustment-approval-limit:100.00}") BigDecimal approvalLimit) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.approvals = approvals;
        this.audit = audit;
        this.time = time;
        this.accounts = accounts;
        this.json = json;
        this.approvalLimit = Money.round(approvalLimit.abs());
    }

    public Money approvalLimit() {
        return approvalLimit;
    }

    public List<Reason> reasons() {
        return jdbc.sql("select code, description, description_es from billing_adjustment_reason order by sort_order")
                .query((rs, n) -> new Reason(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Posts the adjustment, or files it for approval when its absolute amount is above the limit. */
    @Transactional
    public Outcome submit(AdjustmentRequest request) {
        Optional<BillingAdjustment> done = byRequestKey(request.requestKey());
        if (done.isPresent()) {
            sameRequest(done.get(), request);
            return new Outcome.Posted(done.get());
        }
        Target target = validate(request);
        Money amount = Money.of(request.amount());
        JournalEntryRequest entry = entry(request, target, amount);
        if (amount.amount().abs().compareTo(approvalLimit.amount()) > 0) {
            ledger.check(entry);
            ApprovalRequest filed = approvals.request(ACTION_TYPE, request,
                    "Billing adjustment of " + amount.formatted() + " (over the " + approvalLimit.formatted()
                            + " limit) to account " + target.account().accountNumber() + ", " + request.reasonCode()
                            + ": " + request.note().trim());
            audit.recordChange("account", target.account().accountNumber(), "billing-adjustment-requested", null,
                    Map.of("approvalRequestId", filed.id(), "amount", amount.toString(), "reason", request.reasonCode()));
            return new Outcome.AwaitingApproval(filed);
        }
        return new Outcome.Posted(post(request, target, amount, entry, null));
    }

    /** Posts an approved adjustment (called by the approval action in the approval's transaction). */
    @Transactional
    public BillingAdjustment postApproved(AdjustmentRequest request, ApprovalRequest approval) {
        Optional<BillingAdjustment> done = byRequestKey(request.requestKey());
        if (done.isPresent()) {
            return done.get();
        }
        Target target = validate(request);
        Money amount = Money.of(request.amount());
        return post(request, target, amount, entry(request, target, amount), approval);
    }

    private BillingAdjustment post(AdjustmentRequest request, Target target, Money amount, JournalEntryRequest entry,
            ApprovalRequest approval) {
        PostedEntry posted = ledger.post(entry);
        String details = request.periods().isEmpty() ? null : json.writeValueAsString(request.periods());
        Instant now = time.now();
        String requestedBy = approval != null ? approval.requestedBy() : CurrentStaff.username().orElse("system");
        Instant requestedAt = approval != null ? approval.requestedAt() : now;
        jdbc.sql("""
                insert into billing_adjustment (request_key, account_id, account_number, bill_id, service_type, fund,
                       revenue_account, amount, reason_code, note, business_date, requested_by, requested_at,
                       approval_request_id, approved_by, ledger_entry_id, details, posted_at)
                values (:key, :account, :number, :bill, :service, :fund, :revenue, :amount, :reason, :note, :date,
                        :requestedBy, :requestedAt, :approval, :approvedBy, :entry, cast(:details as jsonb), :postedAt)
                on conflict (request_key) do nothing
                """)
                .param("key", request.requestKey().trim()).param("account", target.account().id())
                .param("number", target.account().accountNumber()).param("bill", target.billId())
                .param("service", target.serviceType()).param("fund", target.fund())
                .param("revenue", target.revenueAccount()).param("amount", amount.amount())
                .param("reason", request.reasonCode()).param("note", request.note().trim())
                .param("date", entry.businessDate()).param("requestedBy", requestedBy)
                .param("requestedAt", Timestamp.from(requestedAt))
                .param("approval", approval == null ? null : approval.id())
                .param("approvedBy", approval == null ? null : CurrentStaff.username().orElse("system"))
                .param("entry", posted.id()).param("details", details).param("postedAt", Timestamp.from(now))
                .update();
        BillingAdjustment adjustment = byRequestKey(request.requestKey()).orElseThrow();
        if (adjustment.ledgerEntryId() == posted.id() && !posted.replayed()) {
            audit.recordChange("account", adjustment.accountNumber(), "billing-adjustment-posted", null, adjustment);
        }
        return adjustment;
    }

    /** The balanced entry: receivable against revenue, on the side the sign of the amount says. */
    JournalEntryRequest entry(AdjustmentRequest request, Target target, Money amount) {
        Receivable receivable = ledger.openReceivable(RECEIVABLE_TYPE, target.fund(),
                target.account().accountNumber(), target.account().customerName());
        Money abs = amount.isNegative() ? amount.negate() : amount;
        String receivables = StandardAccount.RECEIVABLES.code();
        List<JournalLineRequest> lines = amount.isPositive()
                ? List.of(JournalLineRequest.debit(target.fund(), receivables, abs).receivable(receivable.id()),
                        JournalLineRequest.credit(target.fund(), target.revenueAccount(), abs))
                : List.of(JournalLineRequest.debit(target.fund(), target.revenueAccount(), abs),
                        JournalLineRequest.credit(target.fund(), receivables, abs).receivable(receivable.id()));
        String memo = "Billing adjustment (" + request.reasonCode() + ") account " + target.account().accountNumber()
                + (target.billId() == null ? "" : " bill " + target.billId()) + ": " + request.note().trim();
        return new JournalEntryRequest("billing-adjustment:" + request.requestKey().trim(), time.today(), "billing",
                memo.length() > 500 ? memo.substring(0, 500) : memo, lines);
    }

    /** Every problem of the request at once, each naming its field; the target when there is none. */
    Target validate(AdjustmentRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        if (r.requestKey() == null || r.requestKey().trim().length() < 8 || r.requestKey().trim().length() > 120) {
            problems.add(new FieldProblem("requestKey", "Give a request key of 8 to 120 characters (the form makes one)"));
        }
        BillingAccount account = accounts.find(r.accountNumber()).orElse(null);
        if (account == null) {
            problems.add(new FieldProblem("accountNumber", "There is no account " + r.accountNumber()));
        }
        if (r.amount() == null || r.amount().signum() == 0) {
            problems.add(new FieldProblem("amount", "Give an amount other than zero: positive to charge, negative to credit"));
        } else if (r.amount().stripTrailingZeros().scale() > Money.SCALE) {
            problems.add(new FieldProblem("amount", "Give the amount in dollars and cents, e.g. -25.40"));
        } else if (r.amount().abs().compareTo(new BigDecimal("1000000")) >= 0) {
            problems.add(new FieldProblem("amount", "An adjustment is less than $1,000,000.00"));
        }
        if (r.reasonCode() == null || reasons().stream().noneMatch(x -> x.code().equals(r.reasonCode()))) {
            problems.add(new FieldProblem("reasonCode", "Choose a reason"));
        }
        if (r.note() == null || r.note().isBlank()) {
            problems.add(new FieldProblem("note", "Say why the account is adjusted"));
        }
        String service = r.serviceType() == null ? "" : r.serviceType().trim();
        boolean fee = AdjustmentRequest.FEE.equals(service);
        if (!fee && !SERVICE_TYPES.contains(service)) {
            problems.add(new FieldProblem("serviceType", "Choose the service (or fee) the adjustment corrects"));
        }
        if (fee && (r.fund() == null || ledger.funds().stream().noneMatch(f -> f.code().equals(r.fund())))) {
            problems.add(new FieldProblem("fund", "Choose the fund of the fee"));
        }
        Map<String, Object> bill = null;
        if (r.billId() != null && account != null) {
            bill = jdbc.sql("""
                    select b.account_id, exists (select 1 from bill_cancellation c where c.bill_id = b.id) as cancelled
                      from bill b where b.id = :id""").param("id", r.billId()).query().singleRow();
            if (bill.isEmpty() || ((Number) bill.get("account_id")).longValue() != account.id()) {
                problems.add(new FieldProblem("billId", "Bill " + r.billId() + " is not a bill of account " + account.accountNumber()));
            } else if (Boolean.TRUE.equals(bill.get("cancelled"))) {
                problems.add(new FieldProblem("billId", "Bill " + r.billId() + " is cancelled; adjust its rebill instead"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessRuleViolation("billing.adjustment-invalid",
                    "The adjustment cannot be made: " + problems.get(0).reason(), problems);
        }
        if (fee) {
            return new Target(account, r.billId(), null, r.fund(), StandardAccount.FEE_REVENUE.code());
        }
        return new Target(account, r.billId(), service, fundOf(service), revenueAccount(account, r.billId(), service));
    }

    static String fundOf(String serviceType) {
        return switch (serviceType) {
            case "IRRIGATION", "HYDRANT" -> "WATER";
            default -> serviceType;
        };
    }

    /**
     * The revenue account the service's charges went to: from the bill's own charge lines when a bill is named,
     * else by the chart's revenue by source (4010 residential, 4020 commercial, 4030 irrigation, 4040 hydrant).
     */
    private String revenueAccount(BillingAccount account, Long billId, String serviceType) {
        if (billId != null) {
            Optional<String> fromBill = jdbc.sql("""
                    select l.account from bill_line l join bill_service s on s.id = l.bill_service_id
                     where l.bill_id = :bill and s.service_type = :type and l.kind = 'CHARGE' and l.account like '4%'
                     order by l.amount desc, l.id limit 1""")
                    .param("bill", billId).param("type", serviceType).query(String.class).optional();
            if (fromBill.isPresent()) {
                return fromBill.get();
            }
        }
        return switch (serviceType) {
            case "IRRIGATION" -> "4030";
            case "HYDRANT" -> "4040";
            default -> "COMMERCIAL".equals(account.accountClass()) ? "4020" : "4010";
        };
    }

    public Optional<BillingAdjustment> byRequestKey(String requestKey) {
        if (requestKey == null) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where a.request_key = :key").param("key", requestKey.trim())
                .query(BillingAdjustments::map).optional();
    }

    public List<BillingAdjustment> ofAccount(long accountId, int limit) {
        return jdbc.sql(SELECT + " where a.account_id = :id order by a.posted_at desc, a.id desc limit :limit")
                .param("id", accountId).param("limit", limit).query(BillingAdjustments::map).list();
    }

    public List<BillingAdjustment> ofBill(long billId) {
        return jdbc.sql(SELECT + " where a.bill_id = :id order by a.posted_at, a.id")
                .param("id", billId).query(BillingAdjustments::map).list();
    }

    /** Refuses a second submit of a key that posted something else. */
    static void sameRequest(BillingAdjustment done, AdjustmentRequest again) {
        if (!done.accountNumber().equals(again.accountNumber()) || again.amount() == null
                || done.amount().amount().compareTo(again.amount()) != 0) {
            throw new Conflict("billing.adjustment-key-reused",
                    "Request key " + again.requestKey() + " was already used for another adjustment");
        }
    }

    private static final String SELECT = """
            select a.*, r.description as reason from billing_adjustment a
              join billing_adjustment_reason r on r.code = a.reason_code
            """;

    private static BillingAdjustment map(ResultSet rs, int n) throws SQLException {
        return new BillingAdjustment(rs.getLong("id"), rs.getString("request_key"), rs.getString("account_number"),
                (Long) rs.getObject("bill_id"), rs.getString("service_type"), rs.getString("fund"),
                rs.getString("revenue_account"), Money.of(rs.getBigDecimal("amount")), rs.getString("reason_code"),
                rs.getString("reason"), rs.getString("note"), rs.getObject("business_date", LocalDate.class),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                (Long) rs.getObject("approval_request_id"), rs.getString("approved_by"), rs.getLong("ledger_entry_id"),
                rs.getObject("posted_at", OffsetDateTime.class).toInstant());
    }
}

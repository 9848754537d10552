package org.civicdesk.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * The general ledger, for every module that moves money. Every call runs in a transaction of its own or
 * joins the caller's. Refusals are {@link org.civicdesk.platform.BusinessRuleViolation} (bad input, closed
 * period, idempotency key reused with other content), {@link org.civicdesk.platform.RecordNotFound} and
 * {@link org.civicdesk.platform.Conflict}; nothing is written when a call is refused.
 */
public interface Ledger {

    // ---- posting

    /**
     * Posts one entry, or returns the entry already posted under its idempotency key when the content is
     * the same ({@link PostedEntry#replayed()} true). Publishes {@link JournalEntryPosted} and writes one
     * audit record per new entry.
     */
    PostedEntry post(JournalEntryRequest request);

    /**
     * Posts many entries (a bill run) in one transaction and a few statements; all or nothing. Results are
     * in the order of the requests.
     */
    List<PostedEntry> postAll(List<JournalEntryRequest> requests);

    /**
     * Checks a request against the chart of accounts, the receivables and the periods without writing
     * anything (used before filing an entry for approval).
     */
    void check(JournalEntryRequest request);

    /**
     * Reverses an entry: the same lines on the other side, posted on today's business date and linked to
     * the original. An entry is reversed at most once (else {@link org.civicdesk.platform.Conflict}); a
     * reversal is not itself reversed.
     */
    PostedEntry reverse(long entryId, String reason);

    PostedEntry entry(long entryId);

    /** Newest first; fund and dates are optional filters. */
    List<EntrySummary> entries(String fund, LocalDate from, LocalDate to, int limit);

    // ---- chart of accounts and reports

    List<Fund> funds();

    List<Account> accounts(String fund);

    TrialBalance trialBalance(String fund, LocalDate asOf);

    // ---- periods

    List<AccountingPeriod> periods();

    AccountingPeriod period(YearMonth month);

    AccountingPeriod closePeriod(YearMonth month, String reason);

    AccountingPeriod reopenPeriod(YearMonth month, String reason);

    // ---- receivables sub-ledger

    /** Registers a kind of receivable (idempotent), e.g. {@code cemetery-contract}. */
    void registerReceivableType(String code, String description);

    /** Opens a receivable, or returns the one already open with this type, fund and reference. */
    Receivable openReceivable(String type, String fund, String reference, String name);

    Optional<Receivable> findReceivable(String type, String fund, String reference);

    /** The receivables of one type and fund open under these references, by reference; none are opened. */
    java.util.Map<String, Receivable> findReceivables(String type, String fund, java.util.Collection<String> references);

    /**
     * Opens many receivables of one type and fund at once (a bill run's chunk), or finds those already open;
     * one audit record lists the ones opened. Returns them by reference.
     *
     * @param namesByReference the name of who owes, by reference (e.g. account number)
     */
    java.util.Map<String, Receivable> openReceivables(String type, String fund, java.util.Map<String, String> namesByReference);

    /**
     * As {@link #openReceivables(String, String, java.util.Map)} for several funds at once: those already open
     * found in one query, the rest opened fund by fund. Returns them by fund, then by reference.
     */
    java.util.Map<String, java.util.Map<String, Receivable>> openReceivablesByFund(String type,
            java.util.Map<String, java.util.Map<String, String>> namesByReferenceByFund);

    /** The receivables of one type open under these funds and references (by fund, then by reference); none opened. */
    java.util.Map<String, java.util.Map<String, Receivable>> findReceivablesByFund(String type,
            java.util.Map<String, ? extends java.util.Collection<String>> referencesByFund);

    /**
     * Balances and recent credits of many receivables in one query: for each receivable id, its balance now
     * and the sum of its credit lines in entries after the given entry id (null: all), reversals left out,
     * e.g. the payments since the last bill.
     */
    java.util.Map<Long, ReceivableActivity> receivableActivity(java.util.Map<Long, Long> afterEntryIdByReceivable);

    ReceivableBalance receivableBalance(long receivableId, LocalDate asOf);

    /** The balances now of many receivables, by id, in one query (ids that name no receivable are left out). */
    java.util.Map<Long, org.civicdesk.platform.Money> receivableBalances(java.util.Collection<Long> receivableIds);

    Aging aging(long receivableId, LocalDate asOf);
}

package org.civicdesk.billing;

import java.util.List;

/**
 * Reading issued bills: an account's bills newest first (with their cancellation and rebill links and the
 * balance each one carried forward), one bill with its services, lines and taxes, and the usage history the
 * bill chart and the account screen show. Bills are immutable rows, so what is read is what was issued.
 */
public interface Bills {

    /** The account's bills, newest first (at most limit); empty when it has none or the account is unknown. */
    List<BillSummary> ofAccount(String accountNumber, int limit);

    /** The same, by the account's id (for the account screen). */
    List<BillSummary> ofAccountId(long accountId, int limit);

    /** The account's posted billing adjustments, newest first (at most limit). */
    List<AdjustmentSummary> adjustmentsOfAccountId(long accountId, int limit);

    /** One bill with every service, line and tax; RecordNotFound when there is none. */
    BillDetail bill(long billId);

    /**
     * Consumption per bill period of the account's metered services (electric, gas, water) whose period ends in
     * the 13 months up to and including the given bill's period (that bill and earlier, cancelled bills left
     * out), oldest first: the bill's usage chart.
     */
    List<UsagePoint> usageUpTo(long billId);

    /** The same for the account's latest bills (the account screen's usage summary), oldest first. */
    List<UsagePoint> recentUsage(long accountId);

    /**
     * Bills that stand (not cancelled) falling due between the dates, both included, oldest due first: the
     * daily late-fee job of collections walks them.
     */
    List<BillSummary> issuedDueBetween(java.time.LocalDate from, java.time.LocalDate to);

    /**
     * What each bill that stands charged for the services at one premise (whoever the account), per bill, for
     * bills dated between the dates: the deposit amount is computed from them.
     */
    List<org.civicdesk.platform.Money> premiseCharges(long premiseId, java.time.LocalDate from, java.time.LocalDate to);
}

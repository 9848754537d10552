package org.civicdesk.billing.internal.tariff;

/** How the rating engine prices one charge row of a schedule version (billing_rate_charge.kind). */
public enum ChargeKind {
    /** Price per month, prorated; with an option only when the agreement's option matches. */
    FIXED,
    /** Units included in the fixed charge: a block priced 0 that produces no line. */
    ALLOWANCE,
    /** Price per unit of consumption between the block's boundaries. */
    TIER,
    /** Price per unit of min(consumption, WQA x days/30). */
    WASTEWATER_VOLUME,
    /** Price per kW of billed demand, all kW, when demand exceeds the threshold. */
    DEMAND,
    /** Per unit of consumption at the adjuster version's own price. */
    ADJUSTER,
    /** Per unit of consumption when the agreement opted in. */
    RIDER,
    /** Price per month per counted item, prorated. */
    PER_OPTION,
    /** Price per counted item, not prorated. */
    FLAT_PER_OPTION,
    /** Per-pickup price x pickups per week x 52/12 rounded to cents, per month, prorated. */
    BIN_PICKUPS,
    /** Per-pickup price x multiplier for each extra pickup. */
    BIN_EXTRA_PICKUP,
    /** Price per day of the period. */
    PER_DAY,
    /** Refundable deposit on the first bill. */
    DEPOSIT,
    /** The part's charges are raised to at least this amount per month (prorated). */
    MINIMUM;

    /** Kinds whose rows are consumption blocks (boundaries prorated, never overlapping). */
    public boolean isBlock() {
        return this == ALLOWANCE || this == TIER;
    }
}

package org.civicdesk.ledger;

/**
 * Anything that owes the city money in one fund: a utility account, a cemetery contract, a tax account, a
 * licence. Its balance is derived from the journal lines that name it.
 *
 * @param type a kind registered by the owning module, e.g. {@code utility-account}
 * @param reference the owner's key, e.g. the account number
 */
public record Receivable(long id, String type, String fund, String reference, String name) {
}

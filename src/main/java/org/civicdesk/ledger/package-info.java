/**
 * The general ledger: funds and their chart of accounts, balanced append-only journal entries, accounting
 * periods, the receivables sub-ledger with aging, and the trial balance. Other modules post through
 * {@link org.civicdesk.ledger.Ledger} and listen for {@link org.civicdesk.ledger.JournalEntryPosted}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "General ledger")
package org.civicdesk.ledger;

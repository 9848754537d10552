-- No query reads journal lines by account: the trial balance sums a fund's lines, the drawer and bank checks go by
-- entry, receivables by their own partial indexes. The index cost every line of every posting an insert (seven
-- million at a time in a bill run of a million accounts). An account's activity screen would bring it back.
drop index ledger_journal_line_by_account;

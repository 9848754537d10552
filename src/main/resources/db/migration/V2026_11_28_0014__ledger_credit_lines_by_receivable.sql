-- What a receivable was paid since a given entry (a bill's previous-balance and payments lines, for a chunk of
-- accounts at once) reads only its credit lines, not every line it ever had.
create index ledger_journal_line_credits_by_receivable on ledger_journal_line (receivable_id, entry_id)
  where credit > 0 and receivable_id is not null;

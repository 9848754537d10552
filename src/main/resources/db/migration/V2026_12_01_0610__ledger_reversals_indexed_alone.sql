-- An entry is reversed at most once: the unique key on reverses_entry_id indexed every entry, almost all with
-- no reversal (a bill run's thousands a chunk, all at the same end of the index). Only reversals are indexed
-- now; the index keeps the constraint's name, which the ledger reads in the refusal of a second reversal.
alter table ledger_journal_entry drop constraint ledger_journal_entry_reverses_entry_id_key;
create unique index ledger_journal_entry_reverses_entry_id_key on ledger_journal_entry (reverses_entry_id)
  where reverses_entry_id is not null;

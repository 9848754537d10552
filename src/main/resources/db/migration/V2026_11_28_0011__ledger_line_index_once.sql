-- Lines by entry are found through the unique (entry_id, line_no) index; a second index on entry_id alone
-- only cost every posting a second index write.
drop index ledger_journal_line_by_entry;

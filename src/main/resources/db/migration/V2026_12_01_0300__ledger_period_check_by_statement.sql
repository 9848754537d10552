-- Nothing posts into a closed period: checked once per INSERT statement over its entries instead of by a
-- plpgsql trigger per entry (a bill run chunk or lockbox chunk inserts a thousand entries or more a statement).
-- Same refusal and message; closing still takes a SHARE lock on ledger_journal_entry, so a close waits for
-- postings in flight and postings wait for the close.
drop trigger ledger_journal_entry_period_open on ledger_journal_entry;
drop function ledger_entry_period_open();

create function ledger_entries_period_open() returns trigger language plpgsql as $$
declare
  bad record;
begin
  select n.business_date into bad from new_entries n
  join ledger_period p on p.period_month = n.period_month and p.status = 'CLOSED'
  limit 1;
  if found then
    raise exception 'Period % is closed; post into an open period', to_char(bad.business_date, 'YYYY-MM')
      using errcode = 'check_violation';
  end if;
  return null;
end $$;

create trigger ledger_journal_entry_period_open after insert on ledger_journal_entry
  referencing new table as new_entries for each statement execute function ledger_entries_period_open();

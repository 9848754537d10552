-- Journal lines are checked against their entry, account and receivable once per INSERT statement, as one
-- anti-join over the statement's lines, instead of by per-row foreign keys: a bill run posts thousands of lines
-- a statement, and the per-row checks (each a lookup with a key-share lock on the chart's few shared account
-- rows) more than doubled the cost of the insert. The rows the lines name are never deleted nor re-keyed:
-- entries are append-only, and the triggers below hold accounts and receivables.
do $$
declare
  fk record;
begin
  for fk in select conname from pg_constraint
            where conrelid = 'ledger_journal_line'::regclass and contype = 'f' loop
    execute format('alter table ledger_journal_line drop constraint %I', fk.conname);
  end loop;
end $$;

create or replace function ledger_lines_inserted() returns trigger language plpgsql as $$
declare
  bad record;
begin
  select n.entry_id into bad from new_lines n
  where not exists (select 1 from ledger_journal_entry e where e.id = n.entry_id)
  limit 1;
  if found then
    raise exception 'Journal line names entry %, which does not exist', bad.entry_id
      using errcode = 'foreign_key_violation';
  end if;

  -- the account belongs to the line's fund, and the line says truly whether it is the control account
  select n.entry_id, n.account_id, n.fund_code into bad from new_lines n
  where not exists (select 1 from ledger_account a
                    where a.id = n.account_id and a.fund_code = n.fund_code
                      and a.is_receivables_control = n.is_receivables_control)
  limit 1;
  if found then
    raise exception 'Journal entry % names account % of fund %, which is not in the chart as given',
      bad.entry_id, bad.account_id, bad.fund_code using errcode = 'foreign_key_violation';
  end if;

  -- a receivable posts only to its own fund
  select n.entry_id, n.receivable_id, n.fund_code into bad from new_lines n
  where n.receivable_id is not null
    and not exists (select 1 from ledger_receivable r where r.id = n.receivable_id and r.fund_code = n.fund_code)
  limit 1;
  if found then
    raise exception 'Journal entry % names receivable %, which is not a receivable of fund %',
      bad.entry_id, bad.receivable_id, bad.fund_code using errcode = 'foreign_key_violation';
  end if;

  select n.entry_id, n.fund_code, sum(n.debit) as debits, sum(n.credit) as credits into bad
  from new_lines n
  group by n.entry_id, n.fund_code
  having sum(n.debit) <> sum(n.credit)
  limit 1;
  if found then
    raise exception 'Journal entry % does not balance in fund %: debits %, credits %',
      bad.entry_id, bad.fund_code, bad.debits, bad.credits using errcode = 'check_violation';
  end if;

  select t.entry_id, t.new_count, (select count(*) from ledger_journal_line l where l.entry_id = t.entry_id) as all_count
    into bad
  from (select entry_id, count(*) as new_count from new_lines group by entry_id) t
  where t.new_count < 2
     or t.new_count <> (select count(*) from ledger_journal_line l where l.entry_id = t.entry_id)
  limit 1;
  if found then
    raise exception 'Journal entry % must get all its lines (at least two) in one statement', bad.entry_id
      using errcode = 'check_violation';
  end if;

  update ledger_receivable_balance b
     set balance = b.balance + d.delta, line_count = b.line_count + d.n
  from (select receivable_id, sum(debit - credit) as delta, count(*) as n
          from new_lines where receivable_id is not null group by receivable_id) d
  where b.receivable_id = d.receivable_id;
  return null;
end $$;

-- What journal lines name stays: accounts and receivables are never deleted, and keep their id and fund (an
-- account also whether it is the fund's control account).
create function ledger_keeps_named_rows() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if new.id = old.id and new.fund_code = old.fund_code
       and (tg_table_name <> 'ledger_account'
            or (to_jsonb(new) -> 'is_receivables_control') = (to_jsonb(old) -> 'is_receivables_control')) then
      return new;
    end if;
    raise exception '% % is named by journal lines: its id and fund do not change', tg_table_name, old.id
      using errcode = 'raise_exception';
  end if;
  raise exception '% is named by journal lines: % refused', tg_table_name, tg_op using errcode = 'raise_exception';
end $$;

create trigger ledger_account_kept before update or delete on ledger_account
  for each row execute function ledger_keeps_named_rows();
create trigger ledger_account_not_truncated before truncate on ledger_account
  for each statement execute function ledger_keeps_named_rows();
create trigger ledger_receivable_kept before update or delete on ledger_receivable
  for each row execute function ledger_keeps_named_rows();
create trigger ledger_receivable_not_truncated before truncate on ledger_receivable
  for each statement execute function ledger_keeps_named_rows();

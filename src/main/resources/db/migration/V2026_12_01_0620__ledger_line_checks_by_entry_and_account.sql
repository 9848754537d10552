-- The journal lines' statement checks, same rules and messages, fewer probes: a bill run chunk's statement has
-- some 7,300 lines of some 900 entries naming a dozen accounts. That every named entry exists is now asked once
-- per entry, with the count of its lines (it was asked once per line), and the chart once per distinct account
-- (it was asked once per line). The other checks and the balance update are as before. When lines break several
-- rules, a missing entry is still reported first and an entry's incomplete lines after the balance check.
create or replace function ledger_lines_inserted() returns trigger language plpgsql as $$
declare
  bad record;
  incomplete_entry bigint;
begin
  -- each entry the lines name: it exists, and this statement brings all its lines (at least two)
  select t.entry_id, e.id is null as missing into bad
  from (select entry_id, count(*) as new_count from new_lines group by entry_id) t
  left join ledger_journal_entry e on e.id = t.entry_id
  where e.id is null
     or t.new_count < 2
     or t.new_count <> (select count(*) from ledger_journal_line l where l.entry_id = t.entry_id)
  order by e.id is null desc
  limit 1;
  if found then
    if bad.missing then
      raise exception 'Journal line names entry %, which does not exist', bad.entry_id
        using errcode = 'foreign_key_violation';
    end if;
    incomplete_entry := bad.entry_id;
  end if;

  -- the account belongs to the line's fund, and the line says truly whether it is the control account
  select d.account_id, d.fund_code, d.is_receivables_control into bad
  from (select distinct account_id, fund_code, is_receivables_control from new_lines) d
  where not exists (select 1 from ledger_account a
                    where a.id = d.account_id and a.fund_code = d.fund_code
                      and a.is_receivables_control = d.is_receivables_control)
  limit 1;
  if found then
    raise exception 'Journal entry % names account % of fund %, which is not in the chart as given',
      (select min(n.entry_id) from new_lines n
       where n.account_id = bad.account_id and n.fund_code = bad.fund_code
         and n.is_receivables_control = bad.is_receivables_control),
      bad.account_id, bad.fund_code using errcode = 'foreign_key_violation';
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

  if incomplete_entry is not null then
    raise exception 'Journal entry % must get all its lines (at least two) in one statement', incomplete_entry
      using errcode = 'check_violation';
  end if;

  update ledger_receivable_balance b
     set balance = b.balance + d.delta, line_count = b.line_count + d.n
  from (select receivable_id, sum(debit - credit) as delta, count(*) as n
          from new_lines where receivable_id is not null group by receivable_id) d
  where b.receivable_id = d.receivable_id;
  return null;
end $$;

-- The journal lines' statement checks again, same rules, fewer passes over the lines (a bill run chunk's statement:
-- some 7,300 lines of 900 entries and 3,000 receivables).
--
-- 1. A receivable's balance row carries the receivable's fund, bound to it by a foreign key (a receivable never
--    changes fund: ledger_keeps_named_rows). The balance update then matches each line's receivable and fund at
--    once, and a line naming a receivable of another fund is the update that moves fewer rows than it should:
--    the separate probe of every line's receivable is gone. The ledger reads the funds with the balances it locks.
-- 2. That an entry gets all its lines in one statement no longer counts the entry's lines in the table: a
--    statement must number an entry's lines 1 to n, and (entry_id, line_no) is unique, so a later statement with
--    lines of the same entry either starts elsewhere than 1 (refused here) or repeats line 1 (refused by the index).
-- 3. The entries' checks (exists, complete) and the balance per entry and fund come from one aggregation of the
--    lines, the balance in whole cents (numeric(14,2) times 100 is exact as a bigint; bigint sums are much
--    cheaper than numeric ones).
-- When lines break several rules the first reported is, as before: a missing entry, an account not in the chart
-- as given, a receivable of another fund, an unbalanced entry, an entry with lines missing or added later.

alter table ledger_receivable_balance add column fund_code text;
update ledger_receivable_balance b set fund_code = r.fund_code from ledger_receivable r where r.id = b.receivable_id;
alter table ledger_receivable_balance alter column fund_code set not null;
alter table ledger_receivable_balance
  add constraint ledger_receivable_balance_receivable_fund_fkey
  foreign key (receivable_id, fund_code) references ledger_receivable (id, fund_code);
alter table ledger_receivable_balance drop constraint ledger_receivable_balance_receivable_id_fkey;

create or replace function ledger_lines_inserted() returns trigger language plpgsql as $$
declare
  bad record;
  first_problem record;
  expected bigint;
  moved bigint;
begin
  -- per entry: it exists, its lines are numbered 1 to n (n at least two), and it balances in each fund
  with per_fund as (
    select entry_id, fund_code, count(*) as n, min(line_no) as first_no, max(line_no) as last_no,
           sum(((debit - credit) * 100)::bigint) as net_cents
    from new_lines group by entry_id, fund_code),
  per_entry as (
    select f.entry_id, sum(f.n) as n, min(f.first_no) as first_no, max(f.last_no) as last_no,
           min(f.fund_code) filter (where f.net_cents <> 0) as unbalanced_fund
    from per_fund f group by f.entry_id)
  select p.entry_id, e.id is null as missing, p.unbalanced_fund into first_problem
  from per_entry p left join ledger_journal_entry e on e.id = p.entry_id
  where e.id is null or p.unbalanced_fund is not null or p.n < 2 or p.first_no <> 1 or p.last_no <> p.n
  order by e.id is null desc, p.unbalanced_fund is null, p.entry_id
  limit 1;
  if found and first_problem.missing then
    raise exception 'Journal line names entry %, which does not exist', first_problem.entry_id
      using errcode = 'foreign_key_violation';
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

  -- the receivables' balances move; a receivable posts only to its own fund, so a line whose receivable and fund
  -- match no balance row leaves one group unmoved
  with moves as (
    select receivable_id, fund_code, sum(debit - credit) as delta, count(*) as n
    from new_lines where receivable_id is not null group by receivable_id, fund_code),
  moved_rows as (
    update ledger_receivable_balance b
       set balance = b.balance + m.delta, line_count = b.line_count + m.n
      from moves m
     where b.receivable_id = m.receivable_id and b.fund_code = m.fund_code
    returning 1)
  select (select count(*) from moves), (select count(*) from moved_rows) into expected, moved;
  if moved <> expected then
    select n.entry_id, n.receivable_id, n.fund_code into bad from new_lines n
    where n.receivable_id is not null
      and not exists (select 1 from ledger_receivable r where r.id = n.receivable_id and r.fund_code = n.fund_code)
    order by n.entry_id, n.line_no
    limit 1;
    raise exception 'Journal entry % names receivable %, which is not a receivable of fund %',
      bad.entry_id, bad.receivable_id, bad.fund_code using errcode = 'foreign_key_violation';
  end if;

  if first_problem.unbalanced_fund is not null then
    select n.entry_id, n.fund_code, sum(n.debit) as debits, sum(n.credit) as credits into bad
    from new_lines n
    where n.entry_id = first_problem.entry_id and n.fund_code = first_problem.unbalanced_fund
    group by n.entry_id, n.fund_code;
    raise exception 'Journal entry % does not balance in fund %: debits %, credits %',
      bad.entry_id, bad.fund_code, bad.debits, bad.credits using errcode = 'check_violation';
  end if;

  if first_problem.entry_id is not null then
    raise exception 'Journal entry % must get all its lines (at least two, numbered from 1) in one statement',
      first_problem.entry_id using errcode = 'check_violation';
  end if;
  return null;
end $$;

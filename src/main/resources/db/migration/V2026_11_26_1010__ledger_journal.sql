-- Journal entries, their lines, accounting periods, receivables and their balances.
-- The database holds the ledger's rules too, whoever writes: entries and lines are append-only, every
-- entry balances per fund, nothing posts into a closed period, a receivables control line names a
-- receivable of its fund, and receivable balances move with their lines in the same statement.

-- Accounting periods (months). A month without a row is open.
create table ledger_period (
  period_month date primary key check (extract(day from period_month) = 1),
  status       text not null check (status in ('OPEN', 'CLOSED')),
  changed_at   timestamptz not null,
  changed_by   text not null,
  reason       text not null check (length(trim(reason)) > 0)
);

-- Kinds of receivable, registered by the modules that own them (utility-account, cemetery-contract ...).
create table ledger_receivable_type (
  code        text primary key check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
  description text not null
);
insert into ledger_receivable_type (code, description) values
  ('utility-account', 'Utility account'),
  ('miscellaneous', 'Miscellaneous receivable');

create table ledger_receivable (
  id              bigint generated always as identity primary key,
  receivable_type text not null references ledger_receivable_type(code),
  fund_code       text not null references ledger_fund(code),
  reference       text not null check (length(trim(reference)) > 0),
  name            text not null,
  created_at      timestamptz not null,
  unique (receivable_type, fund_code, reference),
  unique (id, fund_code)
);

-- The current balance of each receivable (debit minus credit of its lines), kept in the same transaction.
create table ledger_receivable_balance (
  receivable_id bigint primary key references ledger_receivable(id),
  balance       numeric(14,2) not null default 0,
  line_count    bigint not null default 0
);

create table ledger_journal_entry (
  id                bigint generated always as identity primary key,
  idempotency_key   text not null unique check (length(idempotency_key) between 1 and 200),
  content_hash      text not null,
  business_date     date not null,
  period_month      date generated always as (date_trunc('month', business_date::timestamp)::date) stored,
  source            text not null,
  memo              text not null check (length(trim(memo)) > 0),
  -- a correction is a reversal entry; an entry is reversed at most once
  reverses_entry_id bigint unique references ledger_journal_entry(id),
  posted_at         timestamptz not null,
  posted_by         text not null
);
create index ledger_journal_entry_by_date on ledger_journal_entry (business_date, id);

create table ledger_journal_line (
  id                     bigint generated always as identity primary key,
  entry_id               bigint not null references ledger_journal_entry(id),
  line_no                int not null,
  fund_code              text not null,
  account_id             bigint not null,
  is_receivables_control boolean not null,
  debit                  numeric(14,2) not null default 0 check (debit >= 0),
  credit                 numeric(14,2) not null default 0 check (credit >= 0),
  receivable_id          bigint,
  due_date               date,
  -- the receivable's balance before and after this line (pgledger style)
  receivable_balance_before numeric(14,2),
  receivable_balance_after  numeric(14,2),
  memo                   text,
  unique (entry_id, line_no),
  -- the account belongs to the line's fund, and the line says truly whether it is the control account
  foreign key (account_id, fund_code, is_receivables_control)
    references ledger_account (id, fund_code, is_receivables_control),
  -- a receivable posts only to its own fund
  foreign key (receivable_id, fund_code) references ledger_receivable (id, fund_code),
  constraint ledger_line_debit_or_credit check ((debit > 0) <> (credit > 0)),
  constraint ledger_line_control_names_receivable check (is_receivables_control = (receivable_id is not null)),
  constraint ledger_line_due_date_on_receivable_debit check (due_date is null or (debit > 0 and receivable_id is not null)),
  constraint ledger_line_receivable_balances check (
    (receivable_id is null and receivable_balance_before is null and receivable_balance_after is null)
    or (receivable_id is not null and receivable_balance_after = receivable_balance_before + debit - credit))
);
create index ledger_journal_line_by_entry on ledger_journal_line (entry_id);
create index ledger_journal_line_by_account on ledger_journal_line (account_id, entry_id);
create index ledger_journal_line_by_receivable on ledger_journal_line (receivable_id, id) where receivable_id is not null;

-- Append-only.
create function ledger_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused; post a reversal instead', tg_table_name, tg_op
    using errcode = 'raise_exception';
end $$;

create trigger ledger_journal_entry_no_update before update or delete on ledger_journal_entry
  for each row execute function ledger_is_append_only();
create trigger ledger_journal_entry_no_truncate before truncate on ledger_journal_entry
  for each statement execute function ledger_is_append_only();
create trigger ledger_journal_line_no_update before update or delete on ledger_journal_line
  for each row execute function ledger_is_append_only();
create trigger ledger_journal_line_no_truncate before truncate on ledger_journal_line
  for each statement execute function ledger_is_append_only();

-- Nothing posts into a closed period. (Closing takes a SHARE lock on ledger_journal_entry, so a close waits
-- for postings in flight and postings wait for the close.)
create function ledger_entry_period_open() returns trigger language plpgsql as $$
begin
  -- (generated columns are computed after BEFORE triggers: derive the month here)
  if exists (select 1 from ledger_period p
             where p.period_month = date_trunc('month', new.business_date::timestamp)::date and p.status = 'CLOSED') then
    raise exception 'Period % is closed; post into an open period', to_char(new.business_date, 'YYYY-MM')
      using errcode = 'check_violation';
  end if;
  return new;
end $$;

create trigger ledger_journal_entry_period_open before insert on ledger_journal_entry
  for each row execute function ledger_entry_period_open();

-- Every entry touched by an INSERT must have all its lines in that one statement, at least two, and balance
-- in every fund. Then the receivables' balances move by the statement's lines.
create function ledger_lines_inserted() returns trigger language plpgsql as $$
declare
  bad record;
begin
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

create trigger ledger_journal_line_inserted after insert on ledger_journal_line
  referencing new table as new_lines
  for each statement execute function ledger_lines_inserted();

-- An entry header without lines is refused at commit.
create function ledger_entry_has_lines() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from ledger_journal_line l where l.entry_id = new.id) then
    raise exception 'Journal entry % has no lines', new.id using errcode = 'check_violation';
  end if;
  return null;
end $$;

create constraint trigger ledger_journal_entry_has_lines after insert on ledger_journal_entry
  deferrable initially deferred
  for each row execute function ledger_entry_has_lines();

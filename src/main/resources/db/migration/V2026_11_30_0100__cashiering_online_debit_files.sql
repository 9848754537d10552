-- The portal's one-time bank payments collected from the bank: one NACHA WEB debit file per business date
-- (its text kept as sent, so it can be downloaded again) and one row per debit in it, naming the payment and
-- its trace number. The payment was posted when the customer paid; these rows only say which file collects it.
-- Both tables are append-only: a payment is in exactly one file, and a file is never rewritten.
create table cashiering_online_debit_file (
  id              bigint generated always as identity primary key,
  file_date       date not null unique,
  effective_date  date not null check (effective_date > file_date),
  file_text       text not null,
  file_sha256     text not null,
  entry_count     int not null check (entry_count >= 0),
  total           numeric(14,2) not null check (total >= 0),
  created_at      timestamptz not null,
  created_by      text not null
);

-- Trace sequences of this file stay below 1000000 (the 9th digit is 0); autopay's start at 1000001, so the two
-- files of one originating bank never share a trace number.
create table cashiering_online_debit_entry (
  payment_id      bigint primary key references cashiering_online_bank_debit(payment_id),
  file_id         bigint not null references cashiering_online_debit_file(id),
  trace_number    text not null unique check (trace_number ~ '^[0-9]{8}0[0-9]{6}$' and substr(trace_number, 9) <> '0000000'),
  amount          numeric(14,2) not null check (amount > 0)
);
create index cashiering_online_debit_entry_by_file on cashiering_online_debit_entry (file_id);

create trigger cashiering_online_debit_file_append_only before update or delete on cashiering_online_debit_file
  for each row execute function cashiering_append_only();
create trigger cashiering_online_debit_entry_append_only before update or delete on cashiering_online_debit_entry
  for each row execute function cashiering_append_only();

-- A bank credit may be the settlement of a day's portal debit file.
alter table bank_statement_line drop constraint bank_statement_line_matched_kind_check;
alter table bank_statement_line add constraint bank_statement_line_matched_kind_check
  check (matched_kind in ('DEPOSIT','CARD_SETTLEMENT','LOCKBOX','AUTOPAY','ONLINE_DEBITS'));

-- Lockbox remittance files: one row per batch (imported once), one row per line with its outcome, and the
-- suspense queue where money that matched nothing waits for staff. Nothing is dropped: every line of an
-- accepted file has exactly one outcome row, written in the same transaction as its payment.

create table remittance_batch (
  id               bigint generated always as identity primary key,
  batch_id         text not null unique,
  file_name        text,
  file_sha256      text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  line_count       int not null check (line_count > 0),
  amount_total     numeric(14,2) not null,
  declared_count   int,
  declared_total   numeric(14,2),
  status           text not null check (status in ('IMPORTING','COMPLETE')),
  imported_at      timestamptz not null,
  imported_by      text not null,
  completed_at     timestamptz,
  constraint remittance_batch_complete check ((status = 'COMPLETE') = (completed_at is not null))
);

create table payment_suspense (
  id               bigint generated always as identity primary key,
  source           text not null check (source in ('LOCKBOX')),
  source_reference text not null unique,
  account_given    text,
  payer_reference  text,
  amount           numeric(14,2) not null,
  payment_date     date not null,
  check_number     text,
  reason           text not null,
  status           text not null check (status in ('OPEN','APPLIED','REFUNDED')),
  created_at       timestamptz not null,
  resolved_at      timestamptz,
  resolved_by      text,
  resolution_note  text,
  applied_account  text,
  payment_id       bigint references cashiering_payment(id),
  constraint payment_suspense_resolved check ((status = 'OPEN') = (resolved_at is null)),
  constraint payment_suspense_applied check ((status = 'APPLIED') = (payment_id is not null))
);
create index payment_suspense_open on payment_suspense (created_at, id) where status = 'OPEN';

create table remittance_line (
  batch_row_id     bigint not null references remittance_batch(id),
  sequence         int not null,
  line_number      int not null,
  account_number   text,
  scan_line        text,
  amount           numeric(14,2) not null,
  payment_date     date not null,
  check_number     text,
  outcome          text not null check (outcome in ('POSTED','SUSPENDED','REJECTED')),
  reason           text,
  payment_id       bigint references cashiering_payment(id),
  suspense_id      bigint references payment_suspense(id),
  recorded_at      timestamptz not null,
  primary key (batch_row_id, sequence),
  constraint remittance_line_outcome check (
    (outcome = 'POSTED' and payment_id is not null and suspense_id is null)
    or (outcome in ('SUSPENDED','REJECTED') and payment_id is null and suspense_id is not null and reason is not null))
);

-- an outcome is final: a line is never re-decided or removed
create trigger remittance_line_append_only before update or delete on remittance_line
  for each statement execute function cashiering_append_only();

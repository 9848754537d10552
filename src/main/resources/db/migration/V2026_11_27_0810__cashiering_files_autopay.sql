-- Autopay: enrolments (the bank account only as a vault token and its last four digits), the daily NACHA PPD
-- debit files with one row per debit and its trace number, ACH return files and each return entry, and
-- checks returned by the bank and entered by hand.

-- The bank account numbers themselves, encrypted (AES-256-GCM) and found only by token.
create table autopay_bank_vault (
  token        text primary key,
  routing      text not null check (routing ~ '^[0-9]{9}$'),
  ciphertext   bytea not null,
  created_at   timestamptz not null
);

create table autopay_enrolment (
  id              bigint generated always as identity primary key,
  account_number  text not null,
  routing_number  text not null check (routing_number ~ '^[0-9]{9}$'),
  bank_token      text not null references autopay_bank_vault(token),
  bank_last4      text not null check (bank_last4 ~ '^[0-9A-Za-z]{1,4}$'),
  account_type    text not null check (account_type in ('CHECKING','SAVINGS')),
  holder_name     text not null,
  status          text not null check (status in ('ACTIVE','ENDED')),
  started_on      date not null,
  ended_on        date,
  end_reason      text,
  created_at      timestamptz not null,
  created_by      text not null,
  ended_by        text,
  constraint autopay_enrolment_ended check ((status = 'ENDED') = (ended_on is not null and end_reason is not null))
);
create unique index autopay_enrolment_one_active on autopay_enrolment (account_number) where status = 'ACTIVE';

create table autopay_file (
  id              bigint generated always as identity primary key,
  due_date        date not null unique,
  effective_date  date not null,
  file_text       text not null,
  file_sha256     text not null,
  entry_count     int not null,
  total           numeric(14,2) not null,
  status          text not null check (status in ('GENERATED','POSTED')),
  created_at      timestamptz not null,
  created_by      text not null,
  posted_at       timestamptz
);

create table autopay_debit (
  id              bigint generated always as identity primary key,
  file_id         bigint not null references autopay_file(id),
  enrolment_id    bigint not null references autopay_enrolment(id),
  account_number  text not null,
  amount          numeric(14,2) not null check (amount > 0),
  trace_number    text not null unique check (trace_number ~ '^[0-9]{15}$'),
  status          text not null check (status in ('SENT','POSTED','RETURNED')),
  payment_id      bigint references cashiering_payment(id),
  constraint autopay_debit_posted check (status <> 'POSTED' or payment_id is not null)
);
create index autopay_debit_by_file on autopay_debit (file_id);

create table ach_return_file (
  id              bigint generated always as identity primary key,
  file_sha256     text not null unique,
  file_name       text,
  entry_count     int not null,
  imported_at     timestamptz not null,
  imported_by     text not null
);

create table ach_return (
  id                     bigint generated always as identity primary key,
  file_id                bigint not null references ach_return_file(id),
  line_number            int not null,
  return_code            text not null,
  original_trace_number  text not null,
  return_trace_number    text not null,
  amount                 numeric(14,2) not null,
  individual_name        text,
  outcome                text not null check (outcome in ('APPLIED','UNMATCHED','DISHONORED','ALREADY_RETURNED','NOT_YET_POSTED')),
  detail                 text not null,
  debit_id               bigint references autopay_debit(id),
  payment_id             bigint references cashiering_payment(id),
  enrolment_ended        boolean not null default false,
  recorded_at            timestamptz not null,
  unique (original_trace_number, return_trace_number, return_code)
);
create index ach_return_unmatched on ach_return (recorded_at) where outcome in ('UNMATCHED','DISHONORED');

create table returned_check (
  id              bigint generated always as identity primary key,
  payment_id      bigint not null unique references cashiering_payment(id),
  check_number    text not null,
  reason          text not null,
  notice_date     date not null,
  entered_at      timestamptz not null,
  entered_by      text not null
);

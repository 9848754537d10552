-- Bill runs: work split into chunks of accounts (by id range), claimed with FOR UPDATE SKIP LOCKED, each
-- chunk one transaction. A crash loses at most the chunk in flight; any instance picks up the rest.
create table bill_run_chunk (
  run_id            bigint not null references bill_run(id),
  chunk_no          int not null,
  first_account_id  bigint not null,
  last_account_id   bigint not null,
  accounts          int not null,
  status            text not null default 'PENDING' check (status in ('PENDING', 'DONE', 'SKIPPED')),
  -- the instance (host:pid:thread) that did the chunk
  worker            text,
  bills             int not null default 0,
  exceptions        int not null default 0,
  finished_at       timestamptz,
  primary key (run_id, chunk_no),
  check (first_account_id <= last_account_id)
);
create index bill_run_chunk_pending on bill_run_chunk (run_id, chunk_no) where status = 'PENDING';

-- No account billed twice by one run, whatever two workers do.
create unique index bill_one_per_run_and_account on bill (bill_run_id, account_id) where bill_run_id is not null;

-- A trial run's results (trial bills are not bills: nothing is posted).
create table bill_run_trial_bill (
  run_id          bigint not null references bill_run(id),
  account_id      bigint not null,
  account_number  text not null,
  services        int not null,
  new_charges     numeric(14,2) not null,
  tax             numeric(14,2) not null,
  previous_balance numeric(14,2) not null,
  total_due       numeric(14,2) not null,
  any_estimated   boolean not null,
  primary key (run_id, account_id)
);

-- What a run found worth a look (trial or issue): high bill, zero use, third estimate in a row, negative
-- total, missing read, read exception, no meter, a rating refusal.
create table bill_run_exception (
  id              bigint generated always as identity primary key,
  run_id          bigint not null references bill_run(id),
  account_id      bigint not null,
  account_number  text not null,
  agreement_id    bigint,
  kind            text not null check (kind in ('HIGH_BILL', 'ZERO_USE', 'THIRD_ESTIMATE', 'NEGATIVE_TOTAL',
                                                'MISSING_READ', 'READ_EXCEPTION', 'NO_METER', 'RATING')),
  -- true when the account was held (no bill) because of it
  held            boolean not null,
  detail          text not null
);
create index bill_run_exception_by_run on bill_run_exception (run_id, id);

alter table bill_run add column trial_total numeric(16,2) not null default 0;

-- Winter quarter average per water agreement (kgal per 30 days), effective from April 1 of a year.
create table billing_wqa (
  agreement_id    bigint not null references service_agreement(id),
  effective_from  date not null check (extract(month from effective_from) = 4 and extract(day from effective_from) = 1),
  wqa             numeric(10,2) not null check (wqa >= 0),
  winter_days     int not null,
  winter_kgal     numeric(14,4) not null,
  computed_at     timestamptz not null,
  primary key (agreement_id, effective_from)
);

-- The yearly WQA job, done once per year (idempotent).
create table billing_wqa_year (
  effective_from  date primary key,
  agreements      int not null,
  computed_at     timestamptz not null,
  computed_by     text not null
);

-- A bill whose lines are all zero posts no entry, so its cancellation reverses nothing.
alter table bill_cancellation alter column reversal_entry_id drop not null;

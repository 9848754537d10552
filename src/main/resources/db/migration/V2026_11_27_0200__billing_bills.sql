-- Bills. A bill is never edited: it is issued once (posted to the ledger under its idempotency key) and may be
-- cancelled by a reversal (bill_cancellation), after which a rebill is a new bill pointing at it.

create table bill_run (
  id              bigint generated always as identity primary key,
  billing_cycle   int not null check (billing_cycle between 1 and 20),
  mode            text not null check (mode in ('TRIAL', 'ISSUE')),
  -- reads up to and including this date are billed
  cutoff_date     date not null,
  bill_date       date not null,
  due_date        date not null check (due_date >= bill_date),
  status          text not null check (status in ('RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED')),
  accounts_total  int not null default 0,
  accounts_done   int not null default 0,
  bills           int not null default 0,
  exceptions      int not null default 0,
  total_billed    numeric(16,2) not null default 0,
  status_detail   text,
  created_at      timestamptz not null,
  created_by      text not null,
  finished_at     timestamptz
);
-- a cycle has at most one run going at a time
create unique index bill_run_one_running_per_cycle on bill_run (billing_cycle) where status = 'RUNNING';

create table bill (
  id                bigint generated always as identity primary key,
  account_id        bigint not null references account(id),
  account_number    text not null,
  bill_run_id       bigint references bill_run(id),
  bill_date         date not null,
  due_date          date not null check (due_date >= bill_date),
  period_from       date not null,
  period_to         date not null,
  language          text not null check (language in ('en', 'es')),
  previous_balance  numeric(14,2) not null,
  payments          numeric(14,2) not null,
  adjustments       numeric(14,2) not null,
  new_charges       numeric(14,2) not null,
  tax               numeric(14,2) not null,
  total_due         numeric(14,2) not null,
  any_estimated     boolean not null,
  rebill_of_bill_id bigint references bill(id),
  ledger_entry_id   bigint,
  idempotency_key   text not null unique,
  created_at        timestamptz not null,
  created_by        text not null
);
create index bill_by_account on bill (account_id, bill_date desc);
create index bill_by_run on bill (bill_run_id);

-- One service of a bill: its period, meter, reads and totals.
create table bill_service (
  id                 bigint generated always as identity primary key,
  bill_id            bigint not null references bill(id),
  agreement_id       bigint not null references service_agreement(id),
  service_type       text not null,
  rate_schedule      text not null,
  fund               text not null,
  period_from        date not null,
  period_to          date not null,
  days               int not null,
  meter_number       text,
  from_read_id       bigint,
  to_read_id         bigint,
  from_reading       numeric(14,4),
  to_reading         numeric(14,4),
  consumption        numeric(14,4),
  demand_kw          numeric(10,1),
  estimated          boolean not null default false,
  wqa                numeric(10,2),
  charges            numeric(14,2) not null,
  tax                numeric(14,2) not null,
  total              numeric(14,2) not null
);
create index bill_service_by_bill on bill_service (bill_id);
create index bill_service_by_agreement on bill_service (agreement_id, period_to desc);

-- Every line with its quantity, price and the version and part it came from; tax lines per jurisdiction.
create table bill_line (
  id               bigint generated always as identity primary key,
  bill_id          bigint not null references bill(id),
  bill_service_id  bigint not null references bill_service(id),
  line_no          int not null,
  kind             text not null check (kind in ('CHARGE', 'TAX')),
  part             text not null,
  description      text not null,
  quantity         numeric(14,4),
  unit             text,
  unit_price       numeric(14,6),
  amount           numeric(14,2) not null,
  taxable          boolean not null default false,
  account          text not null,
  version_id       bigint,
  version_label    text,
  part_from        date,
  part_to          date
);
create index bill_line_by_service on bill_line (bill_service_id);
create index bill_line_by_bill on bill_line (bill_id);

create table bill_cancellation (
  bill_id            bigint primary key references bill(id),
  reversal_entry_id  bigint not null,
  reason             text not null check (length(trim(reason)) > 0),
  cancelled_at       timestamptz not null,
  cancelled_by       text not null
);

-- Bills are append-only: corrections are cancellations, rebills and adjustments.
create function billing_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'Issued bills are never changed or deleted: cancel and rebill instead (table %)', tg_table_name;
end $$;
create trigger bill_append_only before update or delete on bill for each row execute function billing_refuse_change();
create trigger bill_service_append_only before update or delete on bill_service for each row execute function billing_refuse_change();
create trigger bill_line_append_only before update or delete on bill_line for each row execute function billing_refuse_change();
create trigger bill_cancellation_append_only before update or delete on bill_cancellation for each row execute function billing_refuse_change();

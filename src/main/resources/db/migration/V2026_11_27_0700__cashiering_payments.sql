-- Payments and cashiering: revenue codes, drawers (tender controls), payments with their tenders and
-- allocations, voids/returns/reversals, refunds, deposits (deposit controls) and API idempotency.
-- Payments, tenders, allocations, reversals and counts are append-only (corrections are reversals).

create function cashiering_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused; post a reversal instead', tg_table_name, tg_op
    using errcode = 'raise_exception';
end $$;

-- Miscellaneous receipts: what the city sells over the counter, by fund and revenue account.
create table cashiering_revenue_code (
  code        text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
  description text not null,
  fund_code   text not null references ledger_fund(code),
  account     text not null,
  active      boolean not null default true
);
insert into cashiering_revenue_code (code, description, fund_code, account) values
  ('GENERAL_MISC',     'Miscellaneous receipt',            'GENERAL',     '4030'),
  ('PERMIT',           'Permit',                           'GENERAL',     '4020'),
  ('BUSINESS_LICENSE', 'Business licence',                 'GENERAL',     '4020'),
  ('COPIES',           'Copies of public records',         'GENERAL',     '4030'),
  ('POLICE_REPORT',    'Police report',                    'GENERAL',     '4030'),
  ('PRIVILEGE_TAX',    'Privilege (transaction) tax',      'GENERAL',     '4010'),
  ('HYDRANT_WATER',    'Hydrant meter water',              'WATER',       '4040'),
  ('BULK_ROLL_OFF',    'Bulk and roll-off collection',     'SOLID_WASTE', '4030'),
  ('PERPETUAL_CARE',   'Cemetery perpetual care',          'CEMETERY',    '4030');

-- A tender control: one drawer of one cashier for one business day (or one file batch).
create table cashiering_drawer (
  id              bigint generated always as identity primary key,
  source          text not null check (source in ('DRAWER','REMITTANCE_DESK','LOCKBOX','PORTAL','PHONE','AUTOPAY')),
  cashier         text not null,
  business_date   date not null,
  opening_float   numeric(14,2) not null check (opening_float >= 0),
  status          text not null check (status in ('OPEN','CLOSE_PENDING','CLOSED','DEPOSITED')),
  opened_at       timestamptz not null,
  opened_by       text not null,
  closed_at       timestamptz,
  closed_by       text,
  over_short      numeric(14,2),
  over_short_entry_id bigint,
  deposit_id      bigint
);
-- one open drawer per cashier
create unique index cashiering_drawer_one_open on cashiering_drawer (cashier)
  where source = 'DRAWER' and status in ('OPEN','CLOSE_PENDING');
create index cashiering_drawer_by_date on cashiering_drawer (business_date);

-- A drawer only moves forward (OPEN -> CLOSE_PENDING -> CLOSED -> DEPOSITED); its opening never changes.
create function cashiering_drawer_forward_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'cashiering_drawer rows are never deleted' using errcode = 'raise_exception';
  end if;
  if new.id <> old.id or new.source <> old.source or new.cashier <> old.cashier
     or new.business_date <> old.business_date or new.opening_float <> old.opening_float
     or new.opened_at <> old.opened_at or new.opened_by <> old.opened_by then
    raise exception 'A drawer''s opening is never changed' using errcode = 'raise_exception';
  end if;
  if not ((old.status = new.status)
       or (old.status = 'OPEN' and new.status in ('CLOSE_PENDING','CLOSED'))
       or (old.status = 'CLOSE_PENDING' and new.status in ('OPEN','CLOSED'))
       or (old.status = 'CLOSED' and new.status = 'DEPOSITED')) then
    raise exception 'A drawer cannot go from % to %', old.status, new.status using errcode = 'raise_exception';
  end if;
  return new;
end $$;
create trigger cashiering_drawer_forward before update or delete on cashiering_drawer
  for each row execute function cashiering_drawer_forward_only();

create table cashiering_payment (
  id                 bigint generated always as identity primary key,
  idempotency_key    text not null unique check (length(idempotency_key) between 1 and 200),
  content_hash       text not null,
  source             text not null,
  drawer_id          bigint references cashiering_drawer(id),
  business_date      date not null,
  payer_name         text,
  external_reference text,
  amount             numeric(14,2) not null check (amount > 0),
  change_given       numeric(14,2) not null check (change_given >= 0),
  -- the file batch or other tender control of a non-drawer source (owned by whoever posts it)
  tender_control_id  bigint,
  ledger_entry_id    bigint not null,
  posted_at          timestamptz not null,
  posted_by          text not null,
  constraint cashiering_payment_drawer_source check (source <> 'DRAWER' or drawer_id is not null)
);
create index cashiering_payment_by_drawer on cashiering_payment (drawer_id, id) where drawer_id is not null;
create index cashiering_payment_by_date on cashiering_payment (business_date, id);

-- Card tenders keep only the processor's token, brand and last four digits (PCI DSS 3.3.1, 3.4.1).
create table cashiering_payment_tender (
  payment_id   bigint not null references cashiering_payment(id),
  line_no      int not null,
  tender_type  text not null check (tender_type in ('CASH','CHECK','MONEY_ORDER','CASHIERS_CHECK','CREDIT_CARD','DEBIT_CARD','ACH')),
  amount       numeric(14,2) not null check (amount > 0),
  check_number text check (check_number is null or check_number ~ '^[A-Za-z0-9-]{1,20}$'),
  card_token   text check (card_token is null or card_token !~ '[0-9]{13,}'),
  card_brand   text,
  card_last4   text check (card_last4 is null or card_last4 ~ '^[0-9]{4}$'),
  primary key (payment_id, line_no),
  constraint cashiering_tender_card_fields check (
    (tender_type in ('CREDIT_CARD','DEBIT_CARD')) = (card_token is not null))
);

-- Where the money went: a receivable (utility account in a fund), an unapplied credit, or revenue directly.
create table cashiering_payment_allocation (
  payment_id       bigint not null references cashiering_payment(id),
  line_no          int not null,
  target_type      text not null,
  target_reference text not null,
  kind             text not null check (kind in ('RECEIVABLE','UNAPPLIED_CREDIT','REVENUE','REFUND_DUE')),
  fund_code        text not null,
  account          text not null,
  receivable_id    bigint,
  amount           numeric(14,2) not null check (amount > 0),
  primary key (payment_id, line_no)
);
create index cashiering_allocation_by_target on cashiering_payment_allocation (target_type, target_reference);

-- A payment taken back: VOID (same day, approved), REVERSAL (after the drawer closed), RETURN (bank returned it).
create table cashiering_payment_reversal (
  payment_id          bigint primary key references cashiering_payment(id),
  kind                text not null check (kind in ('VOID','REVERSAL','RETURN')),
  return_code         text,
  reason              text not null check (length(trim(reason)) > 0),
  business_date       date not null,
  drawer_id           bigint references cashiering_drawer(id),
  reversal_entry_id   bigint not null,
  fee_entry_id        bigint,
  target_type         text,
  target_reference    text,
  approval_request_id bigint,
  created_at          timestamptz not null,
  created_by          text not null
);
create index cashiering_reversal_returns on cashiering_payment_reversal (target_type, target_reference, business_date)
  where kind = 'RETURN';

-- The closing count of a drawer (one per close attempt; the last one is the close).
create table cashiering_drawer_count (
  id               bigint generated always as identity primary key,
  drawer_id        bigint not null references cashiering_drawer(id),
  denominations    jsonb not null,
  counted_cash     numeric(14,2) not null check (counted_cash >= 0),
  checks           jsonb not null,
  counted_checks   numeric(14,2) not null check (counted_checks >= 0),
  card_batch_total numeric(14,2) not null check (card_batch_total >= 0),
  expected         numeric(14,2) not null,
  over_short       numeric(14,2) not null,
  approval_request_id bigint,
  counted_at       timestamptz not null,
  counted_by       text not null
);
create index cashiering_drawer_count_by_drawer on cashiering_drawer_count (drawer_id, id);

-- The deposit control: gathers closed drawers into one bank deposit.
create table cashiering_deposit (
  id              bigint generated always as identity primary key,
  business_date   date not null,
  total           numeric(14,2) not null,
  cash            numeric(14,2) not null,
  checks          numeric(14,2) not null,
  by_fund         jsonb not null,
  ledger_entry_id bigint,
  bank_reference  text,
  created_at      timestamptz not null,
  created_by      text not null
);
create index cashiering_deposit_by_date on cashiering_deposit (business_date);
alter table cashiering_drawer add constraint cashiering_drawer_deposit foreign key (deposit_id) references cashiering_deposit(id);

-- Refunds of credit balances (a payment on a closed account, an overpayment): approved, then exported to AP.
create table cashiering_refund (
  id                  bigint generated always as identity primary key,
  payment_id          bigint references cashiering_payment(id),
  target_type         text not null,
  target_reference    text not null,
  payee_name          text not null,
  fund_code           text not null,
  amount              numeric(14,2) not null check (amount > 0),
  reason              text not null,
  status              text not null check (status in ('REQUESTED','APPROVAL_PENDING','APPROVED','DENIED','EXPORTED')),
  approval_request_id bigint,
  ledger_entry_id     bigint,
  export_batch        text,
  created_at          timestamptz not null,
  created_by          text not null,
  decided_at          timestamptz,
  decided_by          text,
  exported_at         timestamptz
);
create index cashiering_refund_open on cashiering_refund (status) where status <> 'EXPORTED';

-- API idempotency: the key row is inserted first in its own transaction (IN_FLIGHT), so that a second request
-- with the key while the first runs is told 409.
create table cashiering_api_idempotency (
  idempotency_key text primary key,
  request_hash    text not null,
  username        text not null,
  status          text not null check (status in ('IN_FLIGHT','DONE')),
  payment_id      bigint references cashiering_payment(id),
  created_at      timestamptz not null,
  finished_at     timestamptz
);

create trigger cashiering_payment_append_only before update or delete on cashiering_payment
  for each row execute function cashiering_append_only();
create trigger cashiering_payment_tender_append_only before update or delete on cashiering_payment_tender
  for each row execute function cashiering_append_only();
create trigger cashiering_payment_allocation_append_only before update or delete on cashiering_payment_allocation
  for each row execute function cashiering_append_only();
create trigger cashiering_payment_reversal_append_only before update or delete on cashiering_payment_reversal
  for each row execute function cashiering_append_only();
create trigger cashiering_drawer_count_append_only before update or delete on cashiering_drawer_count
  for each row execute function cashiering_append_only();
create trigger cashiering_deposit_append_only before update or delete on cashiering_deposit
  for each row execute function cashiering_append_only();
create trigger cashiering_payment_no_truncate before truncate on cashiering_payment
  for each statement execute function cashiering_append_only();

-- Billing adjustments: a credit (negative amount) or debit (positive) to an account's receivable in one fund,
-- against the service's revenue account (or fee revenue), with a reason code. Append-only: a row is written
-- when its ledger entry posts (at once under the approval limit, else when a second person approves).

create table billing_adjustment_reason (
  code           text primary key check (code ~ '^[A-Z_]+$'),
  description    text not null,
  description_es text not null,
  sort_order     int not null
);
insert into billing_adjustment_reason (code, description, description_es, sort_order) values
  ('METER_ERROR', 'Meter error', 'Error del medidor', 10),
  ('LEAK_ADJUSTMENT', 'Leak adjustment', 'Ajuste por fuga', 20),
  ('BILLING_ERROR', 'Billing error', 'Error de facturación', 30),
  ('COURTESY_CREDIT', 'Courtesy credit', 'Crédito de cortesía', 40),
  ('FEE_WAIVER', 'Fee waiver', 'Exención de cargo', 50),
  ('RATE_CORRECTION', 'Rate correction', 'Corrección de tarifa', 60),
  ('WASTEWATER_VOLUME_CORRECTION', 'Wastewater volume correction', 'Corrección del volumen de aguas residuales', 70),
  ('OTHER', 'Other', 'Otro', 99);

create table billing_adjustment (
  id                   bigint generated always as identity primary key,
  -- made when the form is shown (or the API's Idempotency-Key): submitting twice posts once
  request_key          text not null unique check (length(request_key) between 8 and 120),
  account_id           bigint not null references account(id),
  account_number       text not null,
  bill_id              bigint references bill(id),
  -- null for a fee adjustment (revenue account 4900)
  service_type         text,
  fund                 text not null references ledger_fund(code),
  revenue_account      text not null,
  amount               numeric(14,2) not null check (amount <> 0),
  reason_code          text not null references billing_adjustment_reason(code),
  note                 text not null check (length(trim(note)) > 0),
  business_date        date not null,
  requested_by         text not null,
  requested_at         timestamptz not null,
  approval_request_id  bigint,
  approved_by          text,
  ledger_entry_id      bigint not null unique,
  -- the wastewater recomputation per period (billed, recomputed, difference), when there was one
  details              jsonb,
  posted_at            timestamptz not null,
  constraint billing_adjustment_second_person check (approved_by is null or approved_by <> requested_by),
  constraint billing_adjustment_approved_with_request check ((approved_by is null) = (approval_request_id is null))
);
create index billing_adjustment_by_account on billing_adjustment (account_id, posted_at desc);
create index billing_adjustment_by_bill on billing_adjustment (bill_id) where bill_id is not null;

create trigger billing_adjustment_append_only before update or delete on billing_adjustment
  for each row execute function billing_refuse_change();
create trigger billing_adjustment_reason_append_only before update or delete on billing_adjustment_reason
  for each row execute function billing_refuse_change();

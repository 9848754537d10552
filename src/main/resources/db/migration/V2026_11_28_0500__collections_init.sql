-- Credit and collections (module collections): the rules by effective date, heat days, protections,
-- deposits, payment arrangements, extensions and late-fee assessments.

-- Every figure the policies use, by effective date (CollectionsRules). Values from city-profile.md.
create table collections_rules (
  effective_from                   date primary key,
  deposit_good_months              int not null check (deposit_good_months > 0),
  deposit_history_window_months    int not null check (deposit_history_window_months >= deposit_good_months),
  deposit_average_months           int not null check (deposit_average_months > 0),
  deposit_residential_multiple     numeric(6,3) not null check (deposit_residential_multiple > 0),
  deposit_commercial_multiple      numeric(6,3) not null check (deposit_commercial_multiple > 0),
  deposit_default_electric         numeric(14,2) not null check (deposit_default_electric >= 0),
  deposit_default_gas              numeric(14,2) not null check (deposit_default_gas >= 0),
  deposit_default_water_group      numeric(14,2) not null check (deposit_default_water_group >= 0),
  deposit_default_solid_waste_only numeric(14,2) not null check (deposit_default_solid_waste_only >= 0),
  deposit_round_to                 numeric(14,2) not null check (deposit_round_to > 0),
  deposit_max_installments         int not null check (deposit_max_installments between 1 and 12),
  late_fee_rate                    numeric(8,5) not null check (late_fee_rate >= 0 and late_fee_rate < 1),
  late_fee_grace_days              int not null check (late_fee_grace_days >= 0),
  late_fee_minimum                 numeric(14,2) not null check (late_fee_minimum >= 0),
  late_fee_floor                   numeric(14,2) not null check (late_fee_floor >= 0),
  disconnect_threshold             numeric(14,2) not null check (disconnect_threshold >= 0),
  moratorium_from                  text not null check (moratorium_from ~ '^[0-1][0-9]-[0-3][0-9]$'),
  moratorium_to                    text not null check (moratorium_to ~ '^[0-1][0-9]-[0-3][0-9]$'),
  medical_certificate_days         int not null check (medical_certificate_days > 0),
  arrangement_max_months           int not null check (arrangement_max_months > 0),
  arrangement_limit_per_year       int not null check (arrangement_limit_per_year > 0),
  arrangement_broken_limit         int not null check (arrangement_broken_limit > 0),
  arrangement_grace_days           int not null check (arrangement_grace_days >= 0),
  extension_max_days               int not null check (extension_max_days > 0),
  source                           text not null
);
insert into collections_rules values ('2020-01-01', 12, 24, 12, 2, 2.5, 120.00, 60.00, 70.00, 27.80, 5.00, 3,
  0.015, 5, 1.00, 5.00, 150.00, '06-01', '09-30', 30, 6, 4, 2, 5, 10,
  'city-profile.md (Mesa figures; solid-waste-only month = R1.2 $27.80 of tariffs.md)');

-- Excessive-heat days declared by staff, one row a day.
create table collections_heat_day (
  day         date primary key,
  note        text,
  declared_at timestamptz not null,
  declared_by text not null
);

-- Protections on an account: a medical certificate (protects from its date for the rules' days) or bankruptcy.
create table collections_protection (
  id          bigint generated always as identity primary key,
  account_id  bigint not null references account(id),
  kind        text not null check (kind in ('MEDICAL_CERTIFICATE', 'BANKRUPTCY')),
  starts_on   date not null,
  note        text not null check (length(trim(note)) > 0),
  ended_on    date,
  created_at  timestamptz not null,
  created_by  text not null
);
create index collections_protection_by_account on collections_protection (account_id);

-- A security deposit required of an account, with how it was decided and computed; its installments are
-- charged to the account (ledger source deposit-installment, credit 2100 deposits held).
create table collections_deposit (
  id              bigint generated always as identity primary key,
  account_id      bigint not null references account(id),
  account_number  text not null,
  fund_code       text not null,
  amount          numeric(14,2) not null check (amount > 0),
  installments    int not null check (installments > 0),
  requirement     text not null,
  computation     text not null,
  ledger_entry_id bigint not null,
  created_at      timestamptz not null,
  created_by      text not null
);
create unique index collections_deposit_one_per_account on collections_deposit (account_id);
create table collections_deposit_installment (
  deposit_id  bigint not null references collections_deposit(id),
  number      int not null,
  due_date    date not null,
  amount      numeric(14,2) not null check (amount > 0),
  primary key (deposit_id, number)
);

-- A payment arrangement: the past due spread over monthly installments (re-aged in the ledger, source
-- arrangement-installment). Status moves CURRENT -> BROKEN or COMPLETED only.
create table collections_arrangement (
  id              bigint generated always as identity primary key,
  account_id      bigint not null references account(id),
  account_number  text not null,
  created_on      date not null,
  amount          numeric(14,2) not null check (amount > 0),
  months          int not null check (months > 0),
  status          text not null check (status in ('CURRENT', 'BROKEN', 'COMPLETED')),
  status_on       date not null,
  status_reason   text,
  reasons         text not null,
  ledger_entry_id bigint not null,
  created_at      timestamptz not null,
  created_by      text not null
);
create unique index collections_arrangement_one_current on collections_arrangement (account_id) where status = 'CURRENT';
create table collections_arrangement_installment (
  arrangement_id bigint not null references collections_arrangement(id),
  number         int not null,
  due_date       date not null,
  amount         numeric(14,2) not null check (amount > 0),
  primary key (arrangement_id, number)
);

-- A time extension: one bill's due date moved, at most once.
create table collections_extension (
  bill_id        bigint primary key,
  account_id     bigint not null references account(id),
  old_due_date   date not null,
  new_due_date   date not null check (new_due_date > old_due_date),
  reasons        text not null,
  created_at     timestamptz not null,
  created_by     text not null
);

-- The late-fee decision of each bill, fee or not: once per bill (the job's idempotency).
create table collections_late_fee (
  bill_id          bigint primary key,
  account_number   text not null,
  assessed_on      date not null,
  past_due         numeric(14,2) not null,
  fee              numeric(14,2) not null check (fee >= 0),
  reasons          text not null,
  ledger_entry_id  bigint,
  created_at       timestamptz not null,
  constraint collections_late_fee_entry check ((fee > 0) = (ledger_entry_id is not null))
);
create index collections_late_fee_by_account on collections_late_fee (account_number, assessed_on);

create function collections_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% rows are never changed or deleted', tg_table_name;
end $$;
create trigger collections_deposit_append_only before update or delete on collections_deposit
  for each row execute function collections_refuse_change();
create trigger collections_deposit_installment_append_only before update or delete on collections_deposit_installment
  for each row execute function collections_refuse_change();
create trigger collections_arrangement_installment_append_only before update or delete on collections_arrangement_installment
  for each row execute function collections_refuse_change();
create trigger collections_extension_append_only before update or delete on collections_extension
  for each row execute function collections_refuse_change();
create trigger collections_late_fee_append_only before update or delete on collections_late_fee
  for each row execute function collections_refuse_change();

insert into role_permission (role, permission) values
  ('CUSTOMER_SERVICE_SPECIALIST', 'COLLECTIONS_VIEW'),
  ('CUSTOMER_SERVICE_SPECIALIST', 'COLLECTIONS_MANAGE'),
  ('SENIOR_SPECIALIST', 'COLLECTIONS_VIEW'),
  ('SENIOR_SPECIALIST', 'COLLECTIONS_MANAGE'),
  ('CUSTOMER_SERVICE_SUPERVISOR', 'COLLECTIONS_VIEW'),
  ('CUSTOMER_SERVICE_SUPERVISOR', 'COLLECTIONS_MANAGE'),
  ('CUSTOMER_SERVICE_SUPERVISOR', 'HEAT_DAY_DECLARE'),
  ('FIELD_DISPATCHER', 'COLLECTIONS_VIEW'),
  ('CASHIER', 'COLLECTIONS_VIEW'),
  ('HEAD_CASHIER', 'COLLECTIONS_VIEW'),
  ('ADMINISTRATOR', 'COLLECTIONS_VIEW'),
  ('ADMINISTRATOR', 'HEAT_DAY_DECLARE');

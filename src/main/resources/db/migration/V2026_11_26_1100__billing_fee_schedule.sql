-- The city's flat fees, effective-dated: a change is a new row from a date, the history stays.
create table billing_fee (
  code            text not null,
  description     text not null,
  amount          numeric(14,2) not null check (amount >= 0),
  fund_code       text not null references ledger_fund(code),
  revenue_account text not null,
  effective_from  date not null,
  source          text not null,
  primary key (code, effective_from)
);

create function billing_fee_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'billing_fee is append-only: add a new version from a date instead (% refused)', tg_op;
end $$;

create trigger billing_fee_no_update before update or delete on billing_fee
  for each row execute function billing_fee_is_append_only();

-- Demo city (city-profile.md). Fees that depend on the service are revenue of that service's fund.
insert into billing_fee (code, description, amount, fund_code, revenue_account, effective_from, source) values
  ('ACCOUNT_SETUP',         'Account set-up (administrative)',          11.00, 'WATER',    '4900', '2020-01-01', 'mesaaz.gov, commercial utility service page'),
  ('CONNECT_ELECTRIC',      'Connection or reconnection, electric',     20.00, 'ELECTRIC', '4900', '2020-01-01', 'mesaaz.gov, commercial utility service page'),
  ('CONNECT_WATER',         'Connection or reconnection, water',        20.00, 'WATER',    '4900', '2020-01-01', 'mesaaz.gov, commercial utility service page'),
  ('CONNECT_GAS',           'Connection or reconnection, gas',          40.00, 'GAS',      '4900', '2020-01-01', 'mesaaz.gov, commercial utility service page'),
  ('CONNECT_SAME_DAY',      'Same-day or after-hours connection',       55.00, 'WATER',    '4900', '2020-01-01', 'mesaaz.gov, commercial utility service page'),
  ('RETURNED_PAYMENT',      'Returned payment (NSF)',                   25.00, 'WATER',    '4900', '2020-01-01', 'illustrative');

-- The general ledger's funds and chart of accounts (city-profile.md): seed data, never constants in code.
-- Every fund is self-balancing and carries the same standard account numbers, so that other modules can
-- name an account as (fund, code), e.g. (WATER, 1200) for the Water Utility's customer receivables.

create table ledger_fund (
  code text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,29}$'),
  name text not null
);

create table ledger_account (
  id                     bigint generated always as identity primary key,
  fund_code              text not null references ledger_fund(code),
  code                   text not null check (code ~ '^[0-9]{4}$'),
  name                   text not null,
  account_type           text not null check (account_type in ('ASSET','LIABILITY','EQUITY','REVENUE','EXPENSE')),
  normal_balance         text not null check (normal_balance in ('DEBIT','CREDIT')),
  -- the fund's receivables control account: its lines must name a receivable (see ledger_journal_line)
  is_receivables_control boolean not null default false,
  unique (fund_code, code),
  -- targets of composite foreign keys from journal lines
  unique (id, fund_code, is_receivables_control)
);
create unique index ledger_account_one_control_per_fund on ledger_account (fund_code) where is_receivables_control;

insert into ledger_fund (code, name) values
  ('ELECTRIC', 'Electric Utility'),
  ('GAS', 'Gas Utility'),
  ('WATER', 'Water Utility'),
  ('WASTEWATER', 'Wastewater Utility'),
  ('SOLID_WASTE', 'Solid Waste'),
  ('CEMETERY', 'Cemetery'),
  ('GENERAL', 'General Fund');

-- The accounts every fund has.
insert into ledger_account (fund_code, code, name, account_type, normal_balance, is_receivables_control)
select f.code, a.code, a.name, a.account_type, a.normal_balance, a.is_control
from ledger_fund f
cross join (values
  ('1010', 'Cash in bank', 'ASSET', 'DEBIT', false),
  ('1020', 'Cash in drawers (undeposited)', 'ASSET', 'DEBIT', false),
  ('1200', 'Customer receivables', 'ASSET', 'DEBIT', true),
  ('1290', 'Allowance for bad debts', 'ASSET', 'CREDIT', false),
  ('2100', 'Customer deposits held', 'LIABILITY', 'CREDIT', false),
  ('2200', 'Unapplied credits', 'LIABILITY', 'CREDIT', false),
  ('2300', 'Tax payable', 'LIABILITY', 'CREDIT', false),
  ('3000', 'Fund balance', 'EQUITY', 'CREDIT', false),
  ('4900', 'Fee revenue', 'REVENUE', 'CREDIT', false),
  ('6100', 'Bad-debt expense', 'EXPENSE', 'DEBIT', false),
  ('6900', 'Cash over/short', 'EXPENSE', 'DEBIT', false)
) as a (code, name, account_type, normal_balance, is_control);

-- Revenue by source, per fund. Irrigation and hydrant water post to the Water Utility.
insert into ledger_account (fund_code, code, name, account_type, normal_balance)
select fund_code, code, name, 'REVENUE', 'CREDIT' from (values
  ('ELECTRIC', '4010', 'Residential electric sales'),
  ('ELECTRIC', '4020', 'Commercial electric sales'),
  ('GAS', '4010', 'Residential gas sales'),
  ('GAS', '4020', 'Commercial gas sales'),
  ('WATER', '4010', 'Residential water sales'),
  ('WATER', '4020', 'Commercial water sales'),
  ('WATER', '4030', 'Irrigation water sales'),
  ('WATER', '4040', 'Hydrant meter water sales'),
  ('WASTEWATER', '4010', 'Residential wastewater charges'),
  ('WASTEWATER', '4020', 'Commercial wastewater charges'),
  ('SOLID_WASTE', '4010', 'Residential collection charges'),
  ('SOLID_WASTE', '4020', 'Commercial collection charges'),
  ('SOLID_WASTE', '4030', 'Bulk and roll-off charges'),
  ('CEMETERY', '4010', 'Interment rights (space sales)'),
  ('CEMETERY', '4020', 'Opening and closing services'),
  ('CEMETERY', '4030', 'Perpetual care charges'),
  ('GENERAL', '4010', 'Privilege (transaction privilege) tax'),
  ('GENERAL', '4020', 'Business licences'),
  ('GENERAL', '4030', 'Miscellaneous receipts')
) as r (fund_code, code, name);

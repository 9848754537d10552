-- Credit balances applied to new charges: one row per journal entry that moved part of a payment's unapplied
-- credit (2200) to an account's receivables. Taking the payment back reverses its applications first.
create table cashiering_credit_application (
  id                bigint generated always as identity primary key,
  payment_id        bigint not null references cashiering_payment(id),
  target_type       text not null,
  target_reference  text not null,
  credit_fund       text not null,
  amount            numeric(14,2) not null check (amount > 0),
  business_date     date not null,
  ledger_entry_id   bigint not null unique,
  reversal_entry_id bigint,
  created_at        timestamptz not null,
  created_by        text not null
);
create index cashiering_credit_application_by_payment on cashiering_credit_application (payment_id);
create index cashiering_credit_application_by_target on cashiering_credit_application (target_type, target_reference);

-- One-time bank (ACH) payments made on the portal. The bank account number is kept only in
-- autopay_bank_vault (encrypted) and known here by its token and last four digits; the payment itself is an
-- ordinary cashiering_payment (source PORTAL, tender ACH). Rows are never updated or deleted.
create table cashiering_online_bank_debit (
  payment_id      bigint primary key references cashiering_payment(id),
  account_number  text not null,
  routing_number  text not null check (routing_number ~ '^[0-9]{9}$'),
  bank_token      text not null references autopay_bank_vault(token),
  bank_last4      text not null check (bank_last4 ~ '^[0-9]{4}$'),
  account_type    text not null check (account_type in ('CHECKING', 'SAVINGS')),
  holder_name     text not null,
  created_at      timestamptz not null,
  created_by      text not null
);
create index cashiering_online_bank_debit_by_account on cashiering_online_bank_debit (account_number);

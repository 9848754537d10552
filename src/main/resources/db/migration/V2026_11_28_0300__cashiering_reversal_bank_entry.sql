-- A reversal or return of drawer money is the ledger's reversal of the payment (linked to it) plus the bank's
-- charge-back: the deposit already moved the drawer's cash to the bank, so the bank gives it back. This column
-- names that second entry (null when the payment never went through a drawer).
alter table cashiering_payment_reversal add column bank_entry_id bigint;

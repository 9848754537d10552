-- Remittance money held in suspense is in the bank with the rest of the batch: it is posted on import to cash in
-- bank against a suspense liability (2250) of the suspense fund, and leaves suspense when the item is applied
-- (the payment posts; the hold is reversed) or refunded (the hold is reversed: the money goes back).
insert into ledger_account (fund_code, code, name, account_type, normal_balance, is_receivables_control)
select f.code, '2250', 'Payments held in suspense', 'LIABILITY', 'CREDIT', false
from ledger_fund f
on conflict (fund_code, code) do nothing;

alter table payment_suspense add column hold_entry_id bigint;
alter table payment_suspense add column release_entry_id bigint;

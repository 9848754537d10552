-- Card tenders are not cash in bank the day they are taken: the processor settles them later, and the BAI2
-- prior-day file shows the credit. Until that settlement is matched they sit in a clearing account of each fund.
insert into ledger_account (fund_code, code, name, account_type, normal_balance, is_receivables_control)
select f.code, '1030', 'Card settlements in transit (clearing)', 'ASSET', 'DEBIT', false
from ledger_fund f
on conflict (fund_code, code) do nothing;

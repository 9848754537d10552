-- Interfund balances: a credit held in one fund (an overpayment in unapplied credits) that pays a receivable of
-- another fund leaves each fund balanced: the holding fund owes the other (2900), the other is owed (1900).
insert into ledger_account (fund_code, code, name, account_type, normal_balance, is_receivables_control)
select f.code, a.code, a.name, a.account_type, a.normal_balance, false
from ledger_fund f
cross join (values
  ('1900', 'Due from other funds', 'ASSET', 'DEBIT'),
  ('2900', 'Due to other funds', 'LIABILITY', 'CREDIT')
) as a (code, name, account_type, normal_balance)
on conflict (fund_code, code) do nothing;

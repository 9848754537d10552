-- A payment finds the receivables of its target by type and reference, whatever the fund (cashiering's open
-- items, oldest first across funds). The unique key (receivable_type, fund_code, reference) has the fund in the
-- middle, so that lookup was a sequential scan of every receivable: 0.45 ms per payment in a city of 2,000
-- accounts, growing with the city (a city of 1,000,000 accounts has some 3,000,000 receivables).
create index ledger_receivable_by_reference on ledger_receivable (receivable_type, reference);

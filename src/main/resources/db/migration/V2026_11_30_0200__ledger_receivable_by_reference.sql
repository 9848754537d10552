-- A payment batch finds the receivables of its accounts by type and reference across all funds. The unique key
-- (receivable_type, fund_code, reference) cannot serve that without the fund: PostgreSQL 17 read every receivable
-- of the type for each lockbox chunk (some 75 ms per chunk at 100,000 accounts), and a single counter payment
-- scanned them all too (0.45 ms at 2,000 accounts, growing with the city). This index finds them by reference.
create index ledger_receivable_by_reference on ledger_receivable (reference, receivable_type);

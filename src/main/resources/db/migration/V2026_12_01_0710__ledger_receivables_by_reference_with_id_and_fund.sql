-- A payment's open items start from its account's receivables, found by reference (a lockbox chunk: 2,000 accounts,
-- some 7,000 receivables). With the receivable's id and fund in the reference index the lookup is index-only:
-- receivables are added at start of service and never change, so their pages stay all-visible once vacuumed, and
-- the chunk's 7,000 reads of receivable rows are gone (a chunk's lookup 40 -> 22 ms, warm, at 100,000 accounts).
create index ledger_receivable_by_reference_with_id on ledger_receivable (reference, receivable_type) include (id, fund_code);
drop index ledger_receivable_by_reference;
alter index ledger_receivable_by_reference_with_id rename to ledger_receivable_by_reference;

-- Every bill run chunk asks which of its accounts hold an unapplied credit: a small partial index answers it
-- without reading the accounts' other allocations.
create index cashiering_allocation_unapplied_credit on cashiering_payment_allocation (target_type, target_reference)
  where kind = 'UNAPPLIED_CREDIT';

-- A bill run lists its cycle's accounts from the cycle's premises and their agreements (BillRuns.start). Both now
-- come from indexes alone (index-only scans): the premise index carries the premise id, the agreement index the
-- columns the listing filters on (it read some 60,000 table pages a run at 1,000,000 accounts). The agreement
-- index also replaces (premise_id) alone, a prefix of it.
drop index premise_by_billing_cycle;
create index premise_by_billing_cycle on premise (billing_cycle, id);
drop index service_agreement_by_premise;
drop index service_agreement_by_premise_account;
create index service_agreement_by_premise_account on service_agreement (premise_id, account_id)
  include (start_date, status, final_bill_requested);
